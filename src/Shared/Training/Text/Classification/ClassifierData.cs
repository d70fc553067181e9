namespace Troupe.Training.Text;

/// <summary>
/// fastai's <c>TextDataLoaders.from_df(..., text_vocab=...)</c> for a classifier: the texts tokenized with fastai's rules,
/// numericalized with a given vocab (the fine-tuned language model's, so its encoder fits) or one built from the
/// training texts, and <see cref="ClassifierDataLoader"/>s over the training rows (shuffled by <c>seed</c>) and the
/// validation rows. The vocab must hold <see cref="SpecialTokens.Pad"/>, which pads the batches.
/// </summary>
internal static class ClassifierData
{
    /// <exception cref="InvalidDataException">a split has no rows, or the vocab has no pad token.</exception>
    public static TextDataLoaders FromLabeledTexts(LabeledTexts texts, int batchSize, int seqLen, ulong seed = 0, Vocab? vocab = null, int minFreq = 3,
        Tokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var train = texts.TrainIndices.ToArray();
        var valid = texts.ValidIndices.ToArray();
        if (train.Length == 0 || valid.Length == 0)
            throw new InvalidDataException($"classifier data: expected training and validation rows (is_valid False and True), got {train.Length} and {valid.Length}");
        var tokens = (tokenizer ?? Tokenizer.Default).TokenizeAll(texts.Texts);
        vocab ??= Vocab.Build(train.Select(i => tokens[i]), minFreq);
        if (!vocab.Contains(SpecialTokens.Pad))
            throw new InvalidDataException($"classifier data: expected {SpecialTokens.Pad} in the vocab to pad batches, got a vocab of {vocab.Count} tokens without it");
        var pad = vocab.IndexOf(SpecialTokens.Pad);
        var docs = tokens.Select(vocab.Numericalize).ToArray();
        ClassifierDataLoader Loader(int[] rows, bool shuffle) =>
            new(rows.Select(i => docs[i]).ToArray(), rows.Select(i => texts.Labels[i]).ToArray(), batchSize, seqLen, pad, shuffle, seed);
        return new TextDataLoaders(Loader(train, shuffle: true), Loader(valid, shuffle: false), vocab) { Classes = texts.Classes };
    }
}
