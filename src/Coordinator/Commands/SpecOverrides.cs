using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// A YAML spec whose scalars are replaced by dotted paths (<c>params.emb_sz</c>, <c>train.batch_size</c>): what
/// <c>ulmfit --set KEY=VALUE</c> does, through YamlDotNet's representation model, written back with <see cref="ToYaml"/>.
/// Only a path that exists and ends at a scalar can be set, so a misspelt key adds nothing: it is an
/// <see cref="ArgumentException"/> naming the keys there are. Comments do not survive the round trip.
/// </summary>
internal sealed class SpecOverrides
{
    private readonly YamlStream stream = new();
    private readonly YamlMappingNode root;

    /// <exception cref="ArgumentException"><paramref name="yaml"/> is not one YAML document holding a mapping.</exception>
    public SpecOverrides(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ArgumentException($"expected a valid YAML spec, got: {e.Message}", nameof(yaml), e);
        }
        root = stream.Documents is [{ RootNode: YamlMappingNode mapping }]
            ? mapping
            : throw new ArgumentException($"expected one YAML document holding a mapping, got {stream.Documents.Count} documents", nameof(yaml));
    }

    /// <summary>Splits <c>KEY=VALUE</c> at its first <c>=</c> (the value may hold more).</summary>
    /// <exception cref="ArgumentException">No <c>=</c>, or nothing before it.</exception>
    public static (string Path, string Value) ParseAssignment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0) throw new ArgumentException($"--set: expected KEY=VALUE (e.g. params.emb_sz=8), got '{text}'", nameof(text));
        return (text[..at].Trim(), text[(at + 1)..].Trim());
    }

    /// <summary>Whether <paramref name="path"/> names a scalar of this spec.</summary>
    public bool Has(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        YamlNode node = root;
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode mapping || Child(mapping, key) is not { } child) return false;
            node = child.Value;
        }
        return node is YamlScalarNode;
    }

    /// <summary>Replaces the scalar at <paramref name="path"/> with <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The path does not exist or does not end at a scalar.</exception>
    public void Set(string path, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (mapping, key) = Locate(path);
        if (mapping.Children[key] is not YamlScalarNode scalar)
            throw new ArgumentException($"--set {path}: expected a key that holds a scalar, got {Describe(mapping.Children[key])}", nameof(path));
        scalar.Value = value;
    }

    /// <summary>Removes the key at <paramref name="path"/> (and what it holds).</summary>
    /// <exception cref="ArgumentException">The path does not exist.</exception>
    public void Remove(string path)
    {
        var (mapping, key) = Locate(path);
        mapping.Children.Remove(key);
    }

    /// <summary>The spec as YAML text (block and flow styles as read; no document end marker).</summary>
    public string ToYaml()
    {
        using var writer = new StringWriter { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString().TrimEnd();
        // YamlStream ends every document explicitly; the specs under experiments/ do not.
        return (text.EndsWith("\n...", StringComparison.Ordinal) ? text[..^4] : text) + "\n";
    }

    private (YamlMappingNode Mapping, YamlNode Key) Locate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var keys = path.Split('.');
        if (keys.Any(k => k.Length == 0))
            throw new ArgumentException($"--set {path}: expected a dotted path of keys (e.g. train.epochs), got an empty key", nameof(path));
        var mapping = root;
        for (var i = 0; ; i++)
        {
            var where = i == 0 ? "the spec" : string.Join('.', keys[..i]);
            var child = Child(mapping, keys[i])
                ?? throw new ArgumentException($"--set {path}: expected a key of {where} ({string.Join(", ", KeysOf(mapping))}), got '{keys[i]}'", nameof(path));
            if (i == keys.Length - 1) return (mapping, child.Key);
            mapping = child.Value as YamlMappingNode
                ?? throw new ArgumentException($"--set {path}: expected {string.Join('.', keys[..(i + 1)])} to hold keys, got {Describe(child.Value)}", nameof(path));
        }
    }

    private static KeyValuePair<YamlNode, YamlNode>? Child(YamlMappingNode mapping, string key)
    {
        foreach (var pair in mapping.Children)
            if (pair.Key is YamlScalarNode { Value: { } name } && name == key) return pair;
        return null;
    }

    private static IEnumerable<string> KeysOf(YamlMappingNode mapping) =>
        mapping.Children.Keys.Select(k => k is YamlScalarNode { Value: { } name } ? name : k.ToString());

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => $"the scalar '{scalar.Value}'",
        YamlMappingNode mapping => $"a mapping ({string.Join(", ", KeysOf(mapping))})",
        YamlSequenceNode => "a sequence",
        _ => node.NodeType.ToString(),
    };
}
