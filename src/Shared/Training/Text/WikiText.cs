using System.Text.RegularExpressions;

namespace Troupe.Training.Text;

/// <summary>
/// The WikiText format (WikiText-2/103 "tokens" files): text already tokenized and space separated, rare
/// words as <c>&lt;unk&gt;</c>, articles opened by a level-one heading line <c>" = Title = "</c> between blank
/// lines (level-two headings are <c>" = = Section = = "</c>; formula lines that look like headings but are
/// not between blank lines stay inside their article).
/// </summary>
public static partial class WikiText
{
    /// <summary>Reads the articles of a WikiText file; lines before the first heading belong to the first article.</summary>
    /// <exception cref="FileNotFoundException">the file does not exist.</exception>
    /// <exception cref="InvalidDataException">the file holds no tokens.</exception>
    public static IReadOnlyList<TextDocument> ReadDocuments(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        if (!File.Exists(file))
            throw new FileNotFoundException($"WikiText: expected a tokens file at '{Path.GetFullPath(file)}', got no such file", file);
        return ParseDocuments(File.ReadAllText(file), Path.GetFileName(file));
    }

    /// <summary>Splits WikiText-formatted text into articles. <paramref name="sourceName"/> names the input in errors.</summary>
    public static IReadOnlyList<TextDocument> ParseDocuments(string text, string sourceName = "text")
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        // A final newline ends the last line; it does not start an empty one (Python's readlines()).
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        if (lines.Take(count).All(string.IsNullOrWhiteSpace))
            throw new InvalidDataException($"WikiText: expected articles in {sourceName}, got no tokens");

        var starts = new List<(int Line, string Title)>();
        for (var i = 0; i < count; i++)
        {
            var m = HeadingRegex().Match(lines[i]);
            if (m.Success
                && (i == 0 || string.IsNullOrWhiteSpace(lines[i - 1]))
                && (i + 1 >= count || string.IsNullOrWhiteSpace(lines[i + 1])))
                starts.Add((i, m.Groups[1].Value));
        }
        if (starts.Count == 0) return [Doc("", lines, 0, count)];

        var docs = new List<TextDocument>(starts.Count);
        for (var k = 0; k < starts.Count; k++)
        {
            var from = k == 0 ? 0 : starts[k].Line;
            var to = k + 1 < starts.Count ? starts[k + 1].Line : count;
            docs.Add(Doc(starts[k].Title, lines, from, to));
        }
        return docs;
    }

    /// <summary>
    /// An article's tokens the way word-level WikiText language models count them (PyTorch's
    /// word_language_model, AWD-LSTM): every line's space-separated tokens followed by an end-of-line token,
    /// blank lines included. <c>&lt;unk&gt;</c> becomes <c>xxunk</c> and the end of a line <c>xxeos</c>, so a
    /// fastai vocab keeps them at their special-token ids. WikiText-2's validation file gives 217,646 tokens.
    /// </summary>
    public static string[] Tokenize(TextDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tokens = new List<string>();
        var lines = document.Text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            foreach (var t in lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                tokens.Add(t == "<unk>" ? SpecialTokens.Unk : t);
            tokens.Add(SpecialTokens.Eos);
        }
        return [.. tokens];
    }

    /// <summary>Language-model loaders over two WikiText files (e.g. WikiText-2's valid.txt to train and test.txt to validate).</summary>
    public static TextDataLoaders DataLoaders(string trainFile, string validFile, LMDataOptions? options = null) =>
        LanguageModelData.FromTokens(
            ReadDocuments(trainFile).Select(Tokenize).ToArray(),
            ReadDocuments(validFile).Select(Tokenize).ToArray(),
            options);

    private static TextDocument Doc(string title, string[] lines, int from, int to) =>
        new(title, string.Concat(lines[from..to].Select(l => l + "\n")));

    [GeneratedRegex(@"^ = (?!=)(.*) = \r?$")]
    private static partial Regex HeadingRegex();
}
