using System.Text.RegularExpressions;
using Troupe.Training.Tuning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Troupe.Training.Experiments;

/// <summary>
/// Reads and validates experiment specs (issue 6's YAML). Every problem is reported before anything runs, as a
/// <see cref="SpecException"/> listing each <see cref="SpecError"/> with file, line, column and "expected X, got Y".
/// Model names are checked against the registry names given to the constructor.
/// </summary>
public sealed partial class ExperimentSpecReader
{
    /// <summary>Most trials one spec may expand to.</summary>
    public const int MaxTrials = 1_000_000;

    private static readonly string[] TopKeys = ["name", "data", "model", "train", "params", "search", "scheduler", "resources", "retries", "deterministic", "init_from"];

    /// <param name="modelNames">The model registry's names (e.g. <c>lmmodel7</c>); matched ignoring case, stored as spelled here.</param>
    public ExperimentSpecReader(IEnumerable<string> modelNames)
    {
        ArgumentNullException.ThrowIfNull(modelNames);
        ModelNames = [.. modelNames.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyList<string> ModelNames { get; }

    /// <summary>Reads the spec at <paramref name="path"/>; errors name the path as given.</summary>
    /// <exception cref="SpecException">The file is missing, unreadable or invalid.</exception>
    public ExperimentSpec Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecException([new SpecError(path, 0, 0, $"expected a readable spec file, got {e.GetType().Name}: {e.Message}")], e);
        }
        return Parse(text, path);
    }

    /// <summary>Reads a spec from <paramref name="yaml"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="SpecException">The spec is invalid.</exception>
    public ExperimentSpec Parse(string yaml, string source = "<spec>")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        var nodes = new SpecNodes(source);
        var root = LoadRoot(yaml, source);
        var fields = nodes.Fields(root, "spec", TopKeys) ?? throw Fail(nodes);

        var name = nodes.Required(fields, "name", root, "") is { } n ? ReadName(nodes, n) : null;
        var data = nodes.Required(fields, "data", root, "") is { } d ? ReadData(nodes, d) : null;
        var model = nodes.Required(fields, "model", root, "") is { } m ? ReadModel(nodes, m) : null;
        var train = nodes.Required(fields, "train", root, "") is { } t ? ReadTrain(nodes, t) : null;
        var space = SpecNodes.Optional(fields, "params") is { } p ? ReadParams(nodes, p) : SearchSpace.Empty;
        var search = SpecNodes.Optional(fields, "search") is { } s ? ReadSearch(nodes, s) : new SearchSpec();
        var scheduler = SpecNodes.Optional(fields, "scheduler") is { } sc ? ReadScheduler(nodes, sc, train) : new SchedulerSpec();
        var resources = SpecNodes.Optional(fields, "resources") is { } r ? ReadResources(nodes, r, train) : ResourcesSpec.Default;
        var retries = SpecNodes.Optional(fields, "retries") is { } re ? nodes.Int(re, "retries", 0, 1000) : 0;
        var deterministic = SpecNodes.Optional(fields, "deterministic") is { } de ? nodes.Bool(de, "deterministic") : false;
        var initFrom = SpecNodes.Optional(fields, "init_from") is { } i ? nodes.Text(i, "init_from", "a checkpoint path") : null;

        if (space is not null && search is not null)
        {
            var total = space.Count == 0 ? search.Samples : TrialCount(space, search);
            if (total > MaxTrials)
                nodes.Error(fields.TryGetValue("search", out var at) ? at.Key : root, $"search: expected at most {MaxTrials} trials, got {total} (grid points × samples)");
        }

        if (nodes.Errors.Count > 0) throw Fail(nodes);
        return new ExperimentSpec(name!, data!, model!, train!, space!, search!, scheduler!, resources!, retries!.Value,
            deterministic!.Value, initFrom, source, yaml);
    }

    private static YamlNode LoadRoot(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SpecException([new SpecError(source, (int)e.Start.Line, (int)e.Start.Column, $"expected valid YAML, got: {e.Message}")], e);
        }
        if (stream.Documents.Count != 1)
            throw new SpecException([new SpecError(source, 1, 1, $"expected one YAML document holding a mapping, got {stream.Documents.Count}")]);
        return stream.Documents[0].RootNode;
    }

    private static SpecException Fail(SpecNodes nodes) =>
        new([.. nodes.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);

    private static long TrialCount(SearchSpace space, SearchSpec search)
    {
        // Saturate instead of overflowing: anything past MaxTrials is refused anyway.
        var total = (long)search.Samples;
        foreach (var (_, domain) in space.Parameters)
        {
            total *= domain.GridValues(search.Kind)?.Count ?? 1;
            if (total > MaxTrials) return total;
        }
        return total;
    }

    private static string? ReadName(SpecNodes nodes, YamlNode node)
    {
        var name = nodes.Text(node, "name", "an experiment name");
        if (name is not null && !NamePattern().IsMatch(name))
        {
            nodes.Error(node, $"name: expected letters, digits, '.', '_' or '-' (it names the run directory), got '{name}'");
            return null;
        }
        return name;
    }

    private string? ReadModel(SpecNodes nodes, YamlNode node)
    {
        var model = nodes.Text(node, "model", "a model name");
        if (model is null) return null;
        var known = ModelNames.FirstOrDefault(m => string.Equals(m, model, StringComparison.OrdinalIgnoreCase));
        if (known is null) nodes.Error(node, $"model: expected a registered model ({SpecNodes.Alternatives(ModelNames)}), got '{model}'");
        return known;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ParamNamePattern();
}
