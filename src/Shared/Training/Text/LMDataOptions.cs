namespace Troupe.Training.Text;

/// <summary>
/// How <see cref="LanguageModelData"/> builds language-model loaders: fastai's <c>bs</c> and <c>seq_len</c>,
/// the vocab's <c>min_freq</c> and <c>max_vocab</c> (learned from the training documents only), the seed of
/// the training loader's per-epoch document shuffle, and whether to drop a final short batch.
/// </summary>
public sealed record LMDataOptions(
    int BatchSize = 64,
    int SeqLen = 72,
    int MinFreq = 3,
    int MaxVocab = 60000,
    ulong Seed = 0,
    bool ShuffleTrain = true,
    bool DropLast = false);
