namespace Troupe.Training.Models;

/// <summary>
/// How a model wants Human Numbers batched (chapter 12): LMModel1/2 read 3-word samples in order,
/// LMModel3 reads them through <c>group_chunks</c> so its kept hidden state follows the streams, LMModel4+
/// read <c>sl</c>-token samples through <c>group_chunks</c>. Real corpora always use <see cref="Sequence"/>
/// (an LMDataLoader) for language models; classifiers read <see cref="Labeled"/> documents.
/// </summary>
public enum DataLayout
{
    ThreeWord,
    GroupedThreeWord,
    Sequence,

    /// <summary>Whole labeled documents, padded batches of similar lengths (a <see cref="Text.ClassifierDataLoader"/>).</summary>
    Labeled,
}
