namespace Troupe.Training.Text;

/// <summary>
/// fastbook's <c>group_chunks</c>: reorders samples so that, read <c>bs</c> at a time, row j of batch i is
/// sample <c>i + m*j</c> with <c>m = len(ds) // bs</c>. Each batch row then reads one contiguous stretch
/// of the text from batch to batch, which is what a model that keeps its hidden state needs. The
/// <c>len(ds) % bs</c> trailing samples are dropped, as in the book.
/// </summary>
internal static class GroupChunks
{
    public static SequenceDataset Apply(SequenceDataset dataset, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"group_chunks: expected bs >= 1, got {batchSize}");
        var m = dataset.Count / batchSize;
        if (m == 0)
            throw new ArgumentException($"group_chunks: expected at least bs={batchSize} samples, got {dataset.Count}", nameof(dataset));
        return dataset.Select(Order(dataset.Count, batchSize));
    }

    /// <summary>The source index of every position of the regrouped dataset.</summary>
    public static int[] Order(int count, int batchSize)
    {
        var m = count / batchSize;
        var order = new int[m * batchSize];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < batchSize; j++)
                order[i * batchSize + j] = i + m * j;
        return order;
    }
}
