namespace Troupe.Deploy.Tests.Support;

/// <summary>A Dockerfile split into stages and instructions (continuation lines joined, comments dropped).</summary>
public sealed class Dockerfile
{
    public sealed record Instruction(string Keyword, string Arguments);

    public sealed record Stage(string From, string? Name, List<Instruction> Instructions)
    {
        public IEnumerable<Instruction> All(string keyword) =>
            Instructions.Where(i => i.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));

        public string Text => string.Join('\n', Instructions.Select(i => $"{i.Keyword} {i.Arguments}"));
    }

    public List<Stage> Stages { get; } = [];

    /// <summary>ARGs before the first FROM (the only ones a FROM line can use), with their defaults ("" for none).</summary>
    public Dictionary<string, string> GlobalArgs { get; } = [];

    public Stage Runtime => Stages[^1];

    /// <summary>A stage's base image with ${NAME} / $NAME replaced by the global ARG defaults, as docker build does without --build-arg.</summary>
    public string BaseImage(Stage stage) =>
        System.Text.RegularExpressions.Regex.Replace(stage.From, @"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)",
            m => GlobalArgs.GetValueOrDefault(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, ""));

    public static Dockerfile Parse(string text)
    {
        var file = new Dockerfile();
        var logical = new List<string>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (current.Length == 0 && line.TrimStart().StartsWith('#')) continue;
            if (current.Length > 0 && line.TrimStart().StartsWith('#')) continue;   // comments inside a continuation
            if (line.EndsWith('\\')) { current += line[..^1] + " "; continue; }
            current += line;
            if (current.Trim().Length > 0) logical.Add(current.Trim());
            current = "";
        }
        foreach (var line in logical)
        {
            var space = line.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var args = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var parts = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = parts.Length >= 3 && parts[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[^1] : null;
                file.Stages.Add(new Stage(parts[0], name, []));
            }
            else if (file.Stages.Count == 0)
            {
                if (keyword != "ARG") throw new InvalidDataException($"{keyword} before the first FROM");
                var eq = args.IndexOf('=');
                file.GlobalArgs[eq < 0 ? args : args[..eq]] = eq < 0 ? "" : args[(eq + 1)..];
            }
            else file.Stages[^1].Instructions.Add(new Instruction(keyword, args));
        }
        return file;
    }
}
