namespace Troupe.Training.Text;

/// <summary>
/// Builds fastai-style language-model <see cref="TextDataLoaders"/>: tokenized training and validation
/// documents, a vocab from the training documents (<see cref="Vocab.Build(IEnumerable{IEnumerable{string}}, int, int, IReadOnlyList{string}?)"/>),
/// an <see cref="LMDataLoader"/> that shuffles documents every epoch for training and a fixed-order one for
/// validation.
/// </summary>
internal static class LanguageModelData
{
    /// <exception cref="InvalidDataException">a split has no documents or no tokens.</exception>
    /// <exception cref="ArgumentOutOfRangeException">seq_len exceeds a row's stream in either split.</exception>
    public static TextDataLoaders FromTokens(
        IReadOnlyList<IReadOnlyList<string>> train, IReadOnlyList<IReadOnlyList<string>> valid, LMDataOptions? options = null, Vocab? vocab = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        var o = options ?? new LMDataOptions();
        RequireTokens(train, "training");
        RequireTokens(valid, "validation");
        vocab ??= Vocab.Build(train, o.MinFreq, o.MaxVocab);
        return new TextDataLoaders(
            new LMDataLoader(train.Select(vocab.Numericalize), o.BatchSize, o.SeqLen, o.ShuffleTrain, o.Seed, o.DropLast),
            new LMDataLoader(valid.Select(vocab.Numericalize), o.BatchSize, o.SeqLen, shuffle: false, o.Seed, o.DropLast),
            vocab);
    }

    /// <summary>Tokenizes raw documents with <paramref name="tokenizer"/> (fastai's default when null), then <see cref="FromTokens"/>.</summary>
    public static TextDataLoaders FromTexts(
        IReadOnlyList<string> train, IReadOnlyList<string> valid, Tokenizer? tokenizer = null, LMDataOptions? options = null, Vocab? vocab = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        var tok = tokenizer ?? Tokenizer.Default;
        return FromTokens(tok.TokenizeAll(train), tok.TokenizeAll(valid), options, vocab);
    }

    private static void RequireTokens(IReadOnlyList<IReadOnlyList<string>> docs, string split)
    {
        if (docs.Count == 0) throw new InvalidDataException($"LanguageModelData: expected {split} documents, got none");
        if (docs.All(d => d.Count == 0)) throw new InvalidDataException($"LanguageModelData: expected {split} tokens, got {docs.Count} empty documents");
    }
}
