namespace Troupe.Training.Text;

/// <summary>
/// fastai's <c>LMDataLoader</c>. Each epoch it orders the documents (shuffled per epoch when
/// <see cref="Shuffle"/>, never the tokens inside a document), concatenates them into one stream, keeps the
/// first <c>bs * bl + 1</c> tokens with <c>bl = (total - 1) // bs</c> (the remainder is dropped, as fastai
/// does), and gives row r the contiguous stretch <c>[r*bl, (r+1)*bl)</c>. Batch k is the window
/// <c>[k*seq_len, k*seq_len + seq_len)</c> of every row, and y is x shifted by one token (the last y of a
/// row is the first token past it). There are <c>ceil(bl / seq_len)</c> batches; the last is shorter when
/// <c>seq_len</c> does not divide <c>bl</c> (fastai's behaviour), or dropped when <see cref="DropLast"/>.
/// The order of epoch e depends only on (seed, e).
/// </summary>
internal sealed class LMDataLoader : ITextDataLoader
{
    private readonly long[][] documents;
    private readonly int fullBatchSize;
    private readonly int rowStart;
    private readonly int rowCount;

    /// <param name="documents">Numericalized documents, each kept whole.</param>
    /// <param name="batchSize">Rows (streams) per batch, fastai's <c>bs</c> (64).</param>
    /// <param name="seqLen">Tokens per row per batch, fastai's <c>seq_len</c> (72).</param>
    /// <param name="shuffle">Shuffle the documents every epoch (fastai does for the training set).</param>
    /// <param name="seed">Keys the per-epoch document order.</param>
    /// <param name="dropLast">Drop a final batch shorter than <paramref name="seqLen"/>.</param>
    /// <exception cref="InvalidDataException">the corpus has no documents or fewer than bs+1 tokens.</exception>
    /// <exception cref="ArgumentOutOfRangeException">seq_len is longer than a row's stream.</exception>
    public LMDataLoader(IEnumerable<long[]> documents, int batchSize = 64, int seqLen = 72, bool shuffle = false, ulong seed = 0, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"LMDataLoader: expected bs >= 1, got {batchSize}");
        if (seqLen < 1) throw new ArgumentOutOfRangeException(nameof(seqLen), $"LMDataLoader: expected seq_len >= 1, got {seqLen}");
        this.documents = documents.Select(d => d ?? throw new ArgumentException("LMDataLoader: expected documents, got a null one", nameof(documents))).ToArray();
        if (this.documents.Length == 0) throw new InvalidDataException("LMDataLoader: expected at least one document, got an empty corpus");
        TotalTokens = this.documents.Sum(d => (long)d.Length);
        if (TotalTokens - 1 < batchSize)
            throw new InvalidDataException($"LMDataLoader: bs={batchSize} streams need at least {batchSize + 1} tokens, got {TotalTokens}");
        var streamLength = (TotalTokens - 1) / batchSize;
        if (streamLength > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(batchSize), $"LMDataLoader: expected a row stream under 2^31 tokens, got {streamLength}; raise bs");
        StreamLength = (int)streamLength;
        if (seqLen > StreamLength)
            throw new ArgumentOutOfRangeException(nameof(seqLen), $"LMDataLoader: expected seq_len <= the per-row stream length {StreamLength} (({TotalTokens} tokens - 1) // bs {batchSize}), got seq_len {seqLen}");
        fullBatchSize = batchSize;
        SeqLen = seqLen;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        rowStart = 0;
        rowCount = batchSize;
    }

    private LMDataLoader(LMDataLoader source, int rowStart, int rowCount)
    {
        documents = source.documents;
        fullBatchSize = source.fullBatchSize;
        TotalTokens = source.TotalTokens;
        StreamLength = source.StreamLength;
        SeqLen = source.SeqLen;
        Shuffle = source.Shuffle;
        Seed = source.Seed;
        DropLast = source.DropLast;
        this.rowStart = rowStart;
        this.rowCount = rowCount;
    }

    public IReadOnlyList<long[]> Documents => documents;

    public long TotalTokens { get; }

    /// <summary>Tokens each row reads per epoch (fastai's <c>bl</c>).</summary>
    public int StreamLength { get; }

    public int SeqLen { get; }

    public bool Shuffle { get; }

    public ulong Seed { get; }

    public bool DropLast { get; }

    public int BatchSize => rowCount;

    /// <summary>Rows of the underlying full batch (the layout every row view shares).</summary>
    public int FullBatchSize => fullBatchSize;

    public int BatchCount => DropLast ? StreamLength / SeqLen : (StreamLength + SeqLen - 1) / SeqLen;

    /// <summary>Document order of epoch <paramref name="epoch"/>.</summary>
    public int[] DocumentOrder(int epoch)
    {
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), $"LMDataLoader: expected epoch >= 0, got {epoch}");
        return Shuffle ? SeededShuffle.Permutation(documents.Length, Seed, epoch) : Enumerable.Range(0, documents.Length).ToArray();
    }

    /// <summary>The concatenated stream of epoch <paramref name="epoch"/>, cut to <c>bs * bl + 1</c> tokens.</summary>
    public long[] Stream(int epoch)
    {
        var stream = new long[(long)fullBatchSize * StreamLength + 1];
        var filled = 0;
        foreach (var d in DocumentOrder(epoch))
        {
            var doc = documents[d];
            var n = Math.Min(doc.Length, stream.Length - filled);
            doc.AsSpan(0, n).CopyTo(stream.AsSpan(filled));
            filled += n;
            if (filled == stream.Length) break;
        }
        return stream;
    }

    public IEnumerable<TextBatch> Batches(int epoch = 0)
    {
        // Checked here, not inside the iterator, so a bad epoch fails at the call.
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), $"LMDataLoader.Batches: expected epoch >= 0, got {epoch}");
        return Enumerate(epoch);
    }

    private IEnumerable<TextBatch> Enumerate(int epoch)
    {
        var stream = Stream(epoch);
        for (var k = 0; k < BatchCount; k++)
        {
            var offset = k * SeqLen;
            var sl = Math.Min(SeqLen, StreamLength - offset);
            var x = new long[rowCount * sl];
            var y = new long[rowCount * sl];
            for (var r = 0; r < rowCount; r++)
            {
                var st = (long)(rowStart + r) * StreamLength + offset;
                stream.AsSpan((int)st, sl).CopyTo(x.AsSpan(r * sl, sl));
                stream.AsSpan((int)st + 1, sl).CopyTo(y.AsSpan(r * sl, sl));
            }
            yield return new TextBatch(k, x, [rowCount, sl], y, [rowCount, sl]);
        }
    }

    public ITextDataLoader Rows(int start, int count)
    {
        if (start < 0 || count < 1 || start + count > rowCount)
            throw new ArgumentOutOfRangeException(nameof(start), $"LMDataLoader.Rows: expected rows within [0, {rowCount}) and count >= 1, got [{start}, {start + count})");
        return new LMDataLoader(this, rowStart + start, count);
    }
}
