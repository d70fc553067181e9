using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Troupe.Deploy.Tests.Support;

/// <summary>
/// docker-compose.yml as YamlDotNet parses it (anchors and &lt;&lt; merge keys resolved, as Compose does), with the
/// lookups the tests need. Values stay as YAML scalars (strings); <see cref="Resolve"/> applies Compose's
/// <c>${NAME:-default}</c> interpolation with an empty environment.
/// </summary>
public sealed class ComposeFile
{
    private ComposeFile(Dictionary<object, object> root) => Root = root;

    public Dictionary<object, object> Root { get; }

    public static ComposeFile Load(string path)
    {
        using var reader = new StringReader(File.ReadAllText(path));
        var deserializer = new DeserializerBuilder().Build();
        var root = deserializer.Deserialize<object>(new MergingParser(new Parser(reader)));
        return new ComposeFile(root as Dictionary<object, object>
            ?? throw new InvalidDataException($"{path}: expected a mapping at the top level, got {root?.GetType().Name ?? "nothing"}"));
    }

    public Dictionary<object, object> Map(string key) => Map(Root, key);

    public Dictionary<object, object> Service(string name) => Map(Map("services"), name);

    /// <summary>A service's environment, from the mapping or the list (NAME=VALUE) form.</summary>
    public Dictionary<string, string> Environment(string service)
    {
        var s = Service(service);
        var env = new Dictionary<string, string>();
        switch (s.GetValueOrDefault("environment"))
        {
            case Dictionary<object, object> map:
                foreach (var (k, v) in map) env[(string)k] = v as string ?? "";
                break;
            case List<object> list:
                foreach (var item in list.Cast<string>())
                {
                    var eq = item.IndexOf('=');
                    env[eq < 0 ? item : item[..eq]] = eq < 0 ? "" : item[(eq + 1)..];
                }
                break;
        }
        return env;
    }

    /// <summary>A key's list of strings (short form), or of the given field of each long-form entry.</summary>
    public static List<string> Strings(Dictionary<object, object> map, string key, string longFormField = "path") =>
        map.GetValueOrDefault(key) switch
        {
            null => [],
            string one => [one],
            List<object> list => list.Select(o => o switch
            {
                string text => text,
                Dictionary<object, object> entry => (string)entry[longFormField],
                _ => throw new InvalidDataException($"{key}: unexpected entry {o}"),
            }).ToList(),
            Dictionary<object, object> byName => byName.Keys.Cast<string>().ToList(),
            var other => throw new InvalidDataException($"{key}: unexpected {other.GetType().Name}"),
        };

    public static Dictionary<object, object> Map(Dictionary<object, object> parent, string key) =>
        parent.GetValueOrDefault(key) as Dictionary<object, object>
        ?? throw new KeyNotFoundException($"expected a mapping at '{key}'");

    /// <summary>Compose interpolation with nothing set: ${X:-d} and ${X-d} give d, ${X} and $X give "".</summary>
    public static string Resolve(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, @"\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?\}|\$[A-Za-z_][A-Za-z0-9_]*",
            m => m.Groups[1].Success ? m.Groups[1].Value : "");
}
