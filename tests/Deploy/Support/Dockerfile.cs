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

    public Stage Runtime => Stages[^1];

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
            }
            else file.Stages[^1].Instructions.Add(new Instruction(keyword, args));
        }
        return file;
    }
}
