namespace Troupe.Training.Text;

/// <summary>Plain UTF-8 text as documents: one file, or every <c>*.txt</c> under a folder (sorted by path, like fastai's <c>get_text_files</c>).</summary>
internal static class PlainText
{
    /// <exception cref="FileNotFoundException">the path is neither a file nor a folder.</exception>
    /// <exception cref="InvalidDataException">there is no text (an empty file, a folder without .txt files).</exception>
    public static IReadOnlyList<TextDocument> ReadDocuments(string path, DocumentSplit split = DocumentSplit.File)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string[] files;
        if (File.Exists(path)) files = [path];
        else if (Directory.Exists(path))
            files = Directory.GetFiles(path, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        else throw new FileNotFoundException($"PlainText: expected a text file or a folder of .txt files at '{Path.GetFullPath(path)}', got nothing there", path);
        if (files.Length == 0)
            throw new InvalidDataException($"PlainText: expected .txt files under '{Path.GetFullPath(path)}', got none");

        var docs = files.SelectMany(f => SplitDocuments(File.ReadAllText(f), split, Path.GetFileName(f))).ToList();
        if (docs.Count == 0)
            throw new InvalidDataException($"PlainText: expected text in '{Path.GetFullPath(path)}', got only empty or blank files");
        return docs;
    }

    /// <summary>Cuts <paramref name="text"/> into documents titled <paramref name="title"/>; blank documents are left out.</summary>
    public static IReadOnlyList<TextDocument> SplitDocuments(string text, DocumentSplit split, string title = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var docs = new List<TextDocument>();
        switch (split)
        {
            case DocumentSplit.File:
                if (!string.IsNullOrWhiteSpace(text)) docs.Add(new TextDocument(title, text));
                break;
            case DocumentSplit.Line:
                foreach (var line in text.Split('\n'))
                    if (!string.IsNullOrWhiteSpace(line)) docs.Add(new TextDocument(title, line.TrimEnd('\r')));
                break;
            case DocumentSplit.Paragraph:
                var current = new List<string>();
                foreach (var line in text.Split('\n').Append(""))
                {
                    if (!string.IsNullOrWhiteSpace(line)) { current.Add(line.TrimEnd('\r')); continue; }
                    if (current.Count > 0) docs.Add(new TextDocument(title, string.Join("\n", current)));
                    current.Clear();
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(split), $"PlainText: expected File, Paragraph or Line, got {split}");
        }
        return docs;
    }

    /// <summary>Language-model loaders over two plain-text paths, tokenized by <paramref name="tokenizer"/> (fastai's default when null; <see cref="Tokenizer.Characters"/> for characters).</summary>
    public static TextDataLoaders DataLoaders(
        string trainPath, string validPath, DocumentSplit split = DocumentSplit.File, Tokenizer? tokenizer = null, LMDataOptions? options = null) =>
        LanguageModelData.FromTexts(
            ReadDocuments(trainPath, split).Select(d => d.Text).ToArray(),
            ReadDocuments(validPath, split).Select(d => d.Text).ToArray(),
            tokenizer, options);
}
