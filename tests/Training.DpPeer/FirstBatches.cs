using Troupe.Training.Text;

namespace Troupe.Training.DpPeer;

/// <summary>The first <c>n</c> batches of a loader (and of each of its row views).</summary>
public sealed class FirstBatches(ITextDataLoader inner, int n) : ITextDataLoader
{
    public int BatchSize => inner.BatchSize;

    public int BatchCount => Math.Min(n, inner.BatchCount);

    public IEnumerable<TextBatch> Batches(int epoch = 0) => inner.Batches(epoch).Take(n);

    public ITextDataLoader Rows(int start, int count) => new FirstBatches(inner.Rows(start, count), n);
}
