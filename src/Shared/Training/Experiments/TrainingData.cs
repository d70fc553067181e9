using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.Experiments;

/// <summary>
/// Builds a trial's loaders from the spec's <c>data</c>: Human Numbers in the chapter's layout for the model,
/// WikiText-2 (<c>train.txt</c> or <c>valid.txt</c> to train, <c>valid.txt</c> or <c>test.txt</c> to validate, as
/// the folder has them; the shared copy has valid and test), or plain text (a folder with train.txt and
/// valid.txt, or one file whose last tenth of lines validates), by words or characters, or a labeled CSV (label, text,
/// is_valid): its training rows' texts train a language model and its validation rows' validate, or, for a classifier
/// (<see cref="DataLayout.Labeled"/>), its labeled documents numericalized with the given vocab (a pretrained
/// encoder's) or one built from the training texts. Relative paths are resolved against the given base directory
/// (the spec file's folder).
/// </summary>
public static class TrainingData
{
    /// <exception cref="DirectoryNotFoundException">a folder is missing.</exception>
    /// <exception cref="FileNotFoundException">a file is missing.</exception>
    /// <exception cref="InvalidDataException">a corpus is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">seq_len is longer than a row's stream.</exception>
    /// <exception cref="ArgumentException">the data cannot feed the layout (labels for a classifier, streams for a language model).</exception>
    public static TextDataLoaders Load(DataSpec data, DataLayout layout, int batchSize, int seqLen, ulong seed = 0, string? baseDirectory = null, Vocab? vocab = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var options = new LMDataOptions(BatchSize: batchSize, SeqLen: seqLen, Seed: seed);
        CheckLayout(data, layout);
        switch (data.Kind)
        {
            case DataKind.Csv:
                var csv = Resolve(data.Path ?? throw new ArgumentException("data: expected a path for kind csv, got none"), baseDirectory);
                var texts = LabeledTexts.FromCsv(csv);
                if (layout == DataLayout.Labeled) return ClassifierData.FromLabeledTexts(texts, batchSize, seqLen, seed, vocab);
                var (trainRows, validRows) = data.ValidPct is { } pct ? texts.RandomSplit(pct) : (texts.TrainIndices.ToArray(), texts.ValidIndices.ToArray());
                return LanguageModelData.FromTexts(trainRows.Select(i => texts.Texts[i]).ToArray(), validRows.Select(i => texts.Texts[i]).ToArray(),
                    Tokenizer.Default, options);
            case DataKind.HumanNumbers:
                var corpus = data.Path is null ? HumanNumbers.Load() : HumanNumbers.Load(Resolve(data.Path, baseDirectory));
                return corpus.LoadersFor(layout, batchSize, seqLen);
            case DataKind.WikiText2:
                var folder = RequireFolder(data, baseDirectory, "wikitext-2");
                var (train, valid) = File.Exists(Path.Combine(folder, "train.txt")) ? ("train.txt", "valid.txt") : ("valid.txt", "test.txt");
                return WikiText.DataLoaders(RequireFile(folder, train), RequireFile(folder, valid), options);
            case DataKind.Text:
                var tokenizer = data.Tokenizer == TokenizerKind.Char ? Tokenizer.Characters : Tokenizer.Default;
                var path = Resolve(data.Path ?? throw new ArgumentException("data: expected a path for kind text, got none"), baseDirectory);
                if (Directory.Exists(path))
                    return PlainText.DataLoaders(RequireFile(path, "train.txt"), RequireFile(path, "valid.txt"), DocumentSplit.Paragraph, tokenizer, options);
                if (!File.Exists(path)) throw new FileNotFoundException($"data: expected a text file or a folder with train.txt and valid.txt at '{path}', got nothing", path);
                return SplitFile(path, data.Tokenizer, tokenizer, options);
            default:
                throw new ArgumentOutOfRangeException(nameof(data), $"data: expected human-numbers, text, wikitext-2 or csv, got {data.Kind}");
        }
    }

    // One file: lines [0, 90%) train, the rest validates; characters keep their newlines (one document per split).
    private static TextDataLoaders SplitFile(string path, TokenizerKind kind, Tokenizer tokenizer, LMDataOptions options)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length < 10) throw new InvalidDataException($"data: expected at least 10 lines in '{path}' to hold out a tenth, got {lines.Length}");
        var cut = lines.Length * 9 / 10;
        if (kind == TokenizerKind.Char)
            return LanguageModelData.FromTexts([string.Join('\n', lines[..cut]) + "\n"], [string.Join('\n', lines[cut..]) + "\n"], tokenizer, options);
        var train = PlainText.SplitDocuments(string.Join('\n', lines[..cut]), DocumentSplit.Paragraph).Select(d => d.Text).ToArray();
        var valid = PlainText.SplitDocuments(string.Join('\n', lines[cut..]), DocumentSplit.Paragraph).Select(d => d.Text).ToArray();
        return LanguageModelData.FromTexts(train, valid, tokenizer, options);
    }

    private static string Name(DataKind kind) => kind switch
    {
        DataKind.HumanNumbers => "human-numbers",
        DataKind.WikiText2 => "wikitext-2",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Checks that <paramref name="data"/> can feed a model reading <paramref name="layout"/> (before anything is read).</summary>
    /// <exception cref="ArgumentException">a classifier on unlabeled data or with <c>valid_pct</c> (its split is <c>is_valid</c>), or a corpus file for a model that reads Human Numbers' three-word samples.</exception>
    public static void CheckLayout(DataSpec data, DataLayout layout)
    {
        ArgumentNullException.ThrowIfNull(data);
        var kind = data.Kind;
        if (layout == DataLayout.Labeled && kind != DataKind.Csv)
            throw new ArgumentException($"data: a classifier needs labeled documents (kind csv), got kind {Name(kind)}");
        if (kind != DataKind.HumanNumbers && layout is not (DataLayout.Sequence or DataLayout.Labeled))
            throw new ArgumentException($"data: {Name(kind)} needs a sequence model (lmmodel4 and later, awd_lstm), got one that reads {layout} samples");
        if (data.ValidPct is { } pct && layout == DataLayout.Labeled)
            throw new ArgumentException($"data.valid_pct: a classifier validates on the is_valid rows, so valid_pct applies to language models only; got valid_pct {pct} for a classifier");
    }

    private static string RequireFolder(DataSpec data, string? baseDirectory, string kind)
    {
        var folder = Resolve(data.Path ?? throw new ArgumentException($"data: expected a path for kind {kind}, got none"), baseDirectory);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"data: expected a {kind} folder at '{folder}', got none");
        return folder;
    }

    private static string RequireFile(string folder, string name)
    {
        var file = Path.Combine(folder, name);
        if (!File.Exists(file)) throw new FileNotFoundException($"data: expected {name} in '{folder}', got no such file", file);
        return file;
    }

    private static string Resolve(string path, string? baseDirectory) => SpecPaths.Resolve(path, baseDirectory);
}
