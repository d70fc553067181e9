namespace Troupe.Training.Text;

/// <summary>
/// A list of (x, y) samples of fixed length, stored flat: the fastbook chapter 12 datasets.
/// <see cref="NextToken"/> builds <c>L((nums[i:i+3], nums[i+3]) for i in range(0, len(nums)-4, 3))</c>
/// (y is one id per sample); <see cref="Shifted"/> builds
/// <c>L((nums[i:i+sl], nums[i+1:i+sl+1]) for i in range(0, len(nums)-sl-1, sl))</c> (y is x shifted by one).
/// </summary>
public sealed class SequenceDataset
{
    private readonly long[] xs;
    private readonly long[] ys;

    private SequenceDataset(long[] xs, long[] ys, int xLength, int yLength, bool sequenceTargets)
    {
        this.xs = xs;
        this.ys = ys;
        XLength = xLength;
        YLength = yLength;
        HasSequenceTargets = sequenceTargets;
        Count = xLength == 0 ? 0 : xs.Length / xLength;
    }

    public int Count { get; }

    /// <summary>Tokens per input sample.</summary>
    public int XLength { get; }

    /// <summary>Targets per sample: 1 for <see cref="NextToken"/>, XLength for <see cref="Shifted"/>.</summary>
    public int YLength { get; }

    /// <summary>True when y is a sequence (batches get y of shape [bs, sl]); false for one target per sample ([bs]).</summary>
    public bool HasSequenceTargets { get; }

    public ReadOnlySpan<long> X(int index) => xs.AsSpan(CheckIndex(index) * XLength, XLength);

    public ReadOnlySpan<long> Y(int index) => ys.AsSpan(CheckIndex(index) * YLength, YLength);

    /// <summary>The book's 3-word samples: <paramref name="context"/> ids in, the next id as the target, stepping by <paramref name="context"/>.</summary>
    public static SequenceDataset NextToken(IReadOnlyList<long> nums, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(nums);
        if (context < 1) throw new ArgumentOutOfRangeException(nameof(context), $"NextToken: expected context >= 1, got {context}");
        // range(0, len(nums) - context - 1, context), as in the book (context 3 gives its "len(nums)-4").
        var count = Steps(nums.Count - context - 1, context);
        if (count == 0)
            throw new ArgumentException($"NextToken: expected more than {context + 1} tokens for one sample of {context}, got {nums.Count}", nameof(nums));
        var xs = new long[count * context];
        var ys = new long[count];
        for (var s = 0; s < count; s++)
        {
            var i = s * context;
            for (var k = 0; k < context; k++) xs[s * context + k] = nums[i + k];
            ys[s] = nums[i + context];
        }
        return new SequenceDataset(xs, ys, context, 1, sequenceTargets: false);
    }

    /// <summary>The book's <c>sl</c> samples for LMModel4–7: x = nums[i:i+sl], y = nums[i+1:i+sl+1], i stepping by sl.</summary>
    public static SequenceDataset Shifted(IReadOnlyList<long> nums, int seqLen = 16)
    {
        ArgumentNullException.ThrowIfNull(nums);
        if (seqLen < 1) throw new ArgumentOutOfRangeException(nameof(seqLen), $"Shifted: expected seq_len >= 1, got {seqLen}");
        var count = Steps(nums.Count - seqLen - 1, seqLen);
        if (count == 0)
            throw new ArgumentException($"Shifted: seq_len {seqLen} needs more than {seqLen + 1} tokens, got {nums.Count}", nameof(nums));
        var xs = new long[count * seqLen];
        var ys = new long[count * seqLen];
        for (var s = 0; s < count; s++)
        {
            var i = s * seqLen;
            for (var k = 0; k < seqLen; k++)
            {
                xs[s * seqLen + k] = nums[i + k];
                ys[s * seqLen + k] = nums[i + k + 1];
            }
        }
        return new SequenceDataset(xs, ys, seqLen, seqLen, sequenceTargets: true);
    }

    /// <summary>Samples [start, start+count): <c>seqs[:cut]</c> is Slice(0, cut), <c>seqs[cut:]</c> is Slice(cut, Count-cut).</summary>
    public SequenceDataset Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(start), $"SequenceDataset.Slice: expected a range within [0, {Count}), got [{start}, {start + count})");
        return new SequenceDataset(
            xs.AsSpan(start * XLength, count * XLength).ToArray(),
            ys.AsSpan(start * YLength, count * YLength).ToArray(),
            XLength, YLength, HasSequenceTargets);
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order.</summary>
    public SequenceDataset Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var x = new long[indices.Count * XLength];
        var y = new long[indices.Count * YLength];
        for (var k = 0; k < indices.Count; k++)
        {
            X(indices[k]).CopyTo(x.AsSpan(k * XLength, XLength));
            Y(indices[k]).CopyTo(y.AsSpan(k * YLength, YLength));
        }
        return new SequenceDataset(x, y, XLength, YLength, HasSequenceTargets);
    }

    /// <summary>The book's 80/20 cut: <c>int(len(seqs) * 0.8)</c>.</summary>
    public int BookCut() => (int)(Count * 0.8);

    // len(range(0, stop, step)) for a positive step.
    private static int Steps(int stop, int step) => stop <= 0 ? 0 : (stop + step - 1) / step;

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"SequenceDataset: expected an index in [0, {Count}), got {index}");
        return index;
    }
}
