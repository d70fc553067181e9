namespace Troupe.Training.Text;

/// <summary>
/// fastai's <c>SortedDL</c> with <c>pad_input_chunk</c> for text classification: documents of similar length are
/// batched together (validation: all sorted longest first; training: per epoch a seeded shuffle, then chunks of
/// 50 batches sorted by length, the last partial batch dropped as fastai's training loader does, batch order
/// shuffled with the longest batch first), rows sorted longest first, and each row padded to the batch's longest
/// with whole <c>seq_len</c> chunks of pad in front and the remainder after (so <see cref="Models.SentenceEncoder"/>
/// can start rows chunk by chunk). y is the label per row [rows].
/// <para>
/// A data-parallel replica's view (<see cref="Rows"/>) yields its rows of every batch padded to the whole batch's
/// longest, as the batch would be: a row then sits at the same position and keeps the same encoder outputs as in the
/// whole batch. Training batches are all full (the partial one is dropped), so every replica has rows in each and
/// the replicas' gradient collectives line up; a validation batch where a replica has no rows is skipped by it
/// (validation's losses and metrics are reduced once per epoch).
/// </para>
/// </summary>
internal sealed class ClassifierDataLoader : ITextDataLoader
{
    private readonly long[][] docs;
    private readonly int[] labels;
    private readonly int rowStart;
    private readonly int? rowCount;

    public ClassifierDataLoader(IReadOnlyList<long[]> documents, IReadOnlyList<int> labels, int batchSize, int seqLen, int padIndex, bool shuffle, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(labels);
        if (documents.Count == 0) throw new InvalidDataException("ClassifierDataLoader: expected documents, got none");
        if (documents.Count != labels.Count) throw new ArgumentException($"ClassifierDataLoader: expected one label per document ({documents.Count}), got {labels.Count}");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"ClassifierDataLoader: expected bs >= 1, got {batchSize}");
        if (seqLen < 1) throw new ArgumentOutOfRangeException(nameof(seqLen), $"ClassifierDataLoader: expected seq_len >= 1, got {seqLen}");
        if (shuffle && documents.Count < batchSize)
            throw new InvalidDataException($"ClassifierDataLoader: expected at least bs ({batchSize}) documents to train on (a partial batch is dropped), got {documents.Count}");
        var empty = documents.Select((d, i) => (d, i)).FirstOrDefault(x => x.d.Length == 0);
        if (empty.d is not null) throw new InvalidDataException($"ClassifierDataLoader: expected non-empty documents, got an empty one at index {empty.i}");
        docs = documents.ToArray();
        this.labels = labels.ToArray();
        BatchSize = batchSize;
        SeqLen = seqLen;
        PadIndex = padIndex;
        Shuffle = shuffle;
        Seed = seed;
    }

    private ClassifierDataLoader(ClassifierDataLoader source, int start, int count)
    {
        docs = source.docs;
        labels = source.labels;
        BatchSize = source.BatchSize;
        SeqLen = source.SeqLen;
        PadIndex = source.PadIndex;
        Shuffle = source.Shuffle;
        Seed = source.Seed;
        rowStart = source.rowStart + start;
        rowCount = count;
    }

    public int BatchSize { get; }

    public int SeqLen { get; }

    public int PadIndex { get; }

    public bool Shuffle { get; }

    public ulong Seed { get; }

    /// <summary>Training (shuffled): full batches only, fastai's <c>drop_last</c>; validation: every document.</summary>
    public int BatchCount => Shuffle ? docs.Length / BatchSize : (docs.Length + BatchSize - 1) / BatchSize;

    /// <summary>Document indices per batch for <paramref name="epoch"/>, each batch longest first.</summary>
    public IReadOnlyList<int[]> BatchOrder(int epoch)
    {
        int[] order;
        if (!Shuffle) order = Enumerable.Range(0, docs.Length).OrderByDescending(i => docs[i].Length).ThenBy(i => i).ToArray();
        else
        {
            var perm = SeededShuffle.Permutation(docs.Length, Seed, epoch);
            var chunk = BatchSize * 50;
            order = perm.Chunk(chunk).SelectMany(c => c.OrderByDescending(i => docs[i].Length).ThenBy(i => i)).ToArray();
        }
        var batches = order.Chunk(BatchSize).Where(b => !Shuffle || b.Length == BatchSize)
            .Select(b => b.OrderByDescending(i => docs[i].Length).ThenBy(i => i).ToArray()).ToList();
        if (Shuffle && batches.Count > 1)
        {
            // fastai puts the batch with the longest document first (memory peaks early), the rest shuffled.
            var longest = batches.FindIndex(b => docs[b[0]].Length == batches.Max(x => docs[x[0]].Length));
            var first = batches[longest];
            batches.RemoveAt(longest);
            var p = SeededShuffle.Permutation(batches.Count, Seed ^ 0x9E3779B97F4A7C15UL, epoch);
            batches = [first, .. p.Select(i => batches[i])];
        }
        return batches;
    }

    public IEnumerable<TextBatch> Batches(int epoch = 0)
    {
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), $"ClassifierDataLoader: expected epoch >= 0, got {epoch}");
        return Enumerate(epoch);
    }

    private IEnumerable<TextBatch> Enumerate(int epoch)
    {
        var order = BatchOrder(epoch);
        for (var k = 0; k < order.Count; k++)
        {
            var rows = order[k];
            var start = Math.Min(rowStart, rows.Length);
            var take = rowCount is { } c ? Math.Min(c, rows.Length - start) : rows.Length - start;
            if (take <= 0) continue;
            var batch = rows.AsSpan(start, take).ToArray();
            var len = docs[rows[0]].Length; // the whole batch's longest, also in a replica's view
            var x = new long[batch.Length * len];
            var y = new long[batch.Length];
            for (var r = 0; r < batch.Length; r++)
            {
                var doc = docs[batch[r]];
                var pad = len - doc.Length;
                var front = pad / SeqLen * SeqLen;
                var row = x.AsSpan(r * len, len);
                row.Fill(PadIndex);
                doc.CopyTo(row[front..]);
                y[r] = labels[batch[r]];
            }
            yield return new TextBatch(k, x, [batch.Length, len], y, [batch.Length]);
        }
    }

    public ITextDataLoader Rows(int start, int count)
    {
        if (start < 0 || count < 1 || start + count > BatchSize)
            throw new ArgumentOutOfRangeException(nameof(start), $"ClassifierDataLoader.Rows: expected rows within [0, {BatchSize}) and count >= 1, got [{start}, {start + count})");
        return new ClassifierDataLoader(this, start, count);
    }
}
