using Troupe.Training.Models;

namespace Troupe.Training.Text;

/// <summary>The chapter's loaders for a model's <see cref="DataLayout"/>.</summary>
public static class HumanNumbersLayouts
{
    public static TextDataLoaders LoadersFor(this HumanNumbersCorpus corpus, DataLayout layout, int batchSize = 64, int seqLen = 16)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return layout switch
        {
            DataLayout.ThreeWord => corpus.ThreeWordLoaders(batchSize),
            DataLayout.GroupedThreeWord => corpus.GroupedThreeWordLoaders(batchSize),
            DataLayout.Sequence => corpus.GroupedSequenceLoaders(seqLen, batchSize),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), $"Human Numbers: expected a data layout, got {(int)layout}"),
        };
    }
}
