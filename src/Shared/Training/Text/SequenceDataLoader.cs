namespace Troupe.Training.Text;

/// <summary>
/// fastai's <c>DataLoader</c> over a <see cref="SequenceDataset"/>: consecutive samples make a batch
/// (samples in dataset order unless <c>shuffle</c>), <c>drop_last</c> drops a final batch smaller than
/// <c>bs</c>. With a <see cref="GroupChunks"/> dataset, <c>shuffle=false</c> and <c>drop_last=true</c> it
/// is the book's stateful-RNN loader.
/// </summary>
internal sealed class SequenceDataLoader : ITextDataLoader
{
    private readonly SequenceDataset dataset;
    private readonly int fullBatchSize;
    private readonly int rowStart;
    private readonly int rowCount;

    public SequenceDataLoader(SequenceDataset dataset, int batchSize = 64, bool shuffle = false, bool dropLast = false, ulong seed = 0)
        : this(dataset, batchSize, shuffle, dropLast, seed, 0, batchSize)
    {
    }

    private SequenceDataLoader(SequenceDataset dataset, int batchSize, bool shuffle, bool dropLast, ulong seed, int rowStart, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"SequenceDataLoader: expected bs >= 1, got {batchSize}");
        if (dataset.Count == 0) throw new ArgumentException("SequenceDataLoader: expected a non-empty dataset, got 0 samples", nameof(dataset));
        if (dropLast && dataset.Count < batchSize)
            throw new ArgumentException($"SequenceDataLoader: drop_last with bs={batchSize} needs at least {batchSize} samples, got {dataset.Count}", nameof(dataset));
        this.dataset = dataset;
        fullBatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        Seed = seed;
        this.rowStart = rowStart;
        this.rowCount = rowCount;
    }

    public SequenceDataset Dataset => dataset;

    public bool Shuffle { get; }

    public bool DropLast { get; }

    public ulong Seed { get; }

    public int BatchSize => rowCount;

    public int BatchCount
    {
        get
        {
            var full = dataset.Count / fullBatchSize;
            var tail = dataset.Count % fullBatchSize;
            // A partial last batch only reaches this view if it has rows inside [rowStart, rowStart+rowCount).
            return full + (!DropLast && tail > rowStart ? 1 : 0);
        }
    }

    public IEnumerable<TextBatch> Batches(int epoch = 0)
    {
        // Checked here, not inside the iterator, so a bad epoch fails at the call.
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), $"SequenceDataLoader.Batches: expected epoch >= 0, got {epoch}");
        return Enumerate(epoch);
    }

    private IEnumerable<TextBatch> Enumerate(int epoch)
    {
        var order = Shuffle ? SeededShuffle.Permutation(dataset.Count, Seed, epoch) : null;
        var batches = dataset.Count / fullBatchSize + (!DropLast && dataset.Count % fullBatchSize != 0 ? 1 : 0);
        for (var b = 0; b < batches; b++)
        {
            var first = b * fullBatchSize;
            var rowsInBatch = Math.Min(fullBatchSize, dataset.Count - first);
            var start = Math.Min(rowStart, rowsInBatch);
            var count = Math.Min(rowStart + rowCount, rowsInBatch) - start;
            if (count == 0) continue;
            yield return Build(b, order, first + start, count);
        }
    }

    public ITextDataLoader Rows(int start, int count)
    {
        if (start < 0 || count < 1 || start + count > rowCount)
            throw new ArgumentOutOfRangeException(nameof(start), $"SequenceDataLoader.Rows: expected rows within [0, {rowCount}) and count >= 1, got [{start}, {start + count})");
        return new SequenceDataLoader(dataset, fullBatchSize, Shuffle, DropLast, Seed, rowStart + start, count);
    }

    private TextBatch Build(int index, int[]? order, int firstSample, int rows)
    {
        var xl = dataset.XLength;
        var yl = dataset.YLength;
        var x = new long[rows * xl];
        var y = new long[rows * yl];
        for (var r = 0; r < rows; r++)
        {
            var sample = order is null ? firstSample + r : order[firstSample + r];
            dataset.X(sample).CopyTo(x.AsSpan(r * xl, xl));
            dataset.Y(sample).CopyTo(y.AsSpan(r * yl, yl));
        }
        long[] yShape = dataset.HasSequenceTargets ? [rows, yl] : [rows];
        return new TextBatch(index, x, [rows, xl], y, yShape);
    }
}
