using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Troupe.Training.Experiments;

/// <summary>
/// Typed reads of YAML nodes for <see cref="ExperimentSpecReader"/>: each read either returns a value or records a
/// <see cref="SpecError"/> at the node's position (expected X, got Y) and returns null, so one pass reports every problem.
/// </summary>
internal sealed class SpecNodes(string file)
{
    public List<SpecError> Errors { get; } = [];

    public void Error(Mark at, string message) => Errors.Add(new SpecError(file, (int)at.Line, (int)at.Column, message));

    public void Error(YamlNode node, string message) => Error(node.Start, message);

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>How a node reads in "got ..." (the scalar's text, or its shape).</summary>
    public static string Describe(YamlNode node) => node switch
    {
        _ when IsNull(node) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The entries of a mapping by key, reporting non-mappings, non-scalar keys and keys outside <paramref name="allowed"/>
    /// (with the closest allowed key when one is near). Null when the node is not a mapping.
    /// </summary>
    public Dictionary<string, (YamlNode Key, YamlNode Value)>? Fields(YamlNode node, string path, IReadOnlyList<string> allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{path}: expected a mapping with keys {string.Join(", ", allowed)}, got {Describe(node)}");
            return null;
        }
        var fields = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                Error(key, $"{path}: expected a key name, got {Describe(key)}");
                continue;
            }
            if (!allowed.Contains(name))
            {
                var hint = Closest(name, allowed) is { } near ? $" (did you mean '{near}'?)" : "";
                Error(key, $"{path}: expected one of {string.Join(", ", allowed)}, got unknown key '{name}'{hint}");
                continue;
            }
            fields[name] = (key, value);
        }
        return fields;
    }

    /// <summary>The value of a required key, or null after reporting it missing at <paramref name="parent"/>.</summary>
    public YamlNode? Required(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string key, YamlNode parent, string path)
    {
        if (fields.TryGetValue(key, out var entry) && !IsNull(entry.Value)) return entry.Value;
        var at = fields.TryGetValue(key, out entry) ? entry.Key : parent;
        Error(at, $"{Join(path, key)}: expected a value (required), got nothing");
        return null;
    }

    /// <summary>The value of an optional key; null when absent or written as null.</summary>
    public static YamlNode? Optional(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string key) =>
        fields.TryGetValue(key, out var entry) && !IsNull(entry.Value) ? entry.Value : null;

    public string? Text(YamlNode node, string path, string expected = "a string")
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } text } && !IsNull(node)) return text;
        Error(node, $"{path}: expected {expected}, got {Describe(node)}");
        return null;
    }

    public int? Int(YamlNode node, string path, int min, int max = int.MaxValue)
    {
        var expected = max == int.MaxValue ? $"an integer ≥ {min}" : $"an integer in [{min}, {max}]";
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            return (int)v;
        Error(node, $"{path}: expected {expected}, got {Describe(node)}");
        return null;
    }

    public ulong? UInt64(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node)
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            return v;
        Error(node, $"{path}: expected an integer ≥ 0, got {Describe(node)}");
        return null;
    }

    /// <summary>A finite number accepted by <paramref name="ok"/>; <paramref name="expected"/> says what that means ("a number > 1").</summary>
    public double? Number(YamlNode node, string path, Func<double, bool> ok, string expected)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && ok(v))
            return v;
        Error(node, $"{path}: expected {expected}, got {Describe(node)}");
        return null;
    }

    public bool? Bool(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: "true" or "True" or "TRUE" } && !IsNull(node)) return true;
        if (node is YamlScalarNode { Value: "false" or "False" or "FALSE" }) return false;
        Error(node, $"{path}: expected true or false, got {Describe(node)}");
        return null;
    }

    /// <summary>One of <paramref name="names"/>' keys, mapped to its value.</summary>
    public T? Choice<T>(YamlNode node, string path, IReadOnlyDictionary<string, T> names) where T : struct
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node) && names.TryGetValue(text, out var value)) return value;
        Error(node, $"{path}: expected {Alternatives(names.Keys)}, got {Describe(node)}");
        return null;
    }

    /// <summary><c>a, b or c</c>.</summary>
    public static string Alternatives(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Join("", list) : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string? Closest(string name, IEnumerable<string> allowed) =>
        allowed.Select(a => (a, d: Distance(name, a))).Where(x => x.d <= Math.Max(1, x.a.Length / 3)).OrderBy(x => x.d).Select(x => x.a).FirstOrDefault();

    // Levenshtein distance, for "did you mean".
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
