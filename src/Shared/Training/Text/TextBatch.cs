using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Text;

/// <summary>
/// One mini-batch of token ids, row-major. <see cref="X"/> has shape <see cref="XShape"/> = [rows, seq_len];
/// <see cref="Y"/> has shape <see cref="YShape"/>: [rows, seq_len] for language-model batches (y = x shifted
/// by one token per position) or [rows] when each row has a single next-token target (the book's 3-word
/// sequences for LMModel1–3). Row r of batch k+1 continues row r of batch k wherever the loader promises
/// contiguous streams (group_chunks, <see cref="LMDataLoader"/>).
/// </summary>
public sealed class TextBatch
{
    public TextBatch(int index, long[] x, long[] xShape, long[] y, long[] yShape)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(xShape);
        ArgumentNullException.ThrowIfNull(yShape);
        if (xShape.Length != 2) throw new ArgumentException($"TextBatch: expected x of rank 2 [rows, seq_len], got rank {xShape.Length}", nameof(xShape));
        if (yShape.Length is not (1 or 2)) throw new ArgumentException($"TextBatch: expected y of rank 1 or 2, got rank {yShape.Length}", nameof(yShape));
        if (yShape[0] != xShape[0]) throw new ArgumentException($"TextBatch: expected y to have {xShape[0]} rows like x, got {yShape[0]}", nameof(yShape));
        if (x.LongLength != xShape[0] * xShape[1]) throw new ArgumentException($"TextBatch: x shape [{xShape[0]}, {xShape[1]}] needs {xShape[0] * xShape[1]} ids, got {x.Length}", nameof(x));
        var yCount = yShape.Length == 1 ? yShape[0] : yShape[0] * yShape[1];
        if (y.LongLength != yCount) throw new ArgumentException($"TextBatch: y shape [{string.Join(", ", yShape)}] needs {yCount} ids, got {y.Length}", nameof(y));
        Index = index;
        X = x;
        Y = y;
        XShape = xShape;
        YShape = yShape;
    }

    /// <summary>Position of this batch within its epoch (0-based).</summary>
    public int Index { get; }

    /// <summary>Inputs, row-major [rows, seq_len]. Treat as read-only.</summary>
    public long[] X { get; }

    /// <summary>Targets, row-major [rows, seq_len] or [rows]. Treat as read-only.</summary>
    public long[] Y { get; }

    public long[] XShape { get; }

    public long[] YShape { get; }

    public int Rows => (int)XShape[0];

    public int SeqLen => (int)XShape[1];

    /// <summary>True when every input position has its own target (y is [rows, seq_len]).</summary>
    public bool HasSequenceTargets => YShape.Length == 2;

    /// <summary>Number of targets (what a loss or accuracy averages over).</summary>
    public int TargetCount => Y.Length;

    /// <summary>Rows [start, start+count) as a new batch (a data-parallel replica's share).</summary>
    public TextBatch SliceRows(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Rows)
            throw new ArgumentOutOfRangeException(nameof(start), $"TextBatch.SliceRows: expected rows within [0, {Rows}), got [{start}, {start + count})");
        var xCols = (int)XShape[1];
        var yCols = HasSequenceTargets ? (int)YShape[1] : 1;
        var x = X.AsSpan(start * xCols, count * xCols).ToArray();
        var y = Y.AsSpan(start * yCols, count * yCols).ToArray();
        long[] yShape = HasSequenceTargets ? [count, yCols] : [count];
        return new TextBatch(Index, x, [count, xCols], y, yShape);
    }

    /// <summary>Copies the batch into two int64 tensors (x, y) with the shapes above. The caller owns them.</summary>
    public (Tensor X, Tensor Y) ToTensors(Device? device = null)
    {
        var x = torch.tensor(X, XShape, device: device);
        try
        {
            return (x, torch.tensor(Y, YShape, device: device));
        }
        catch
        {
            x.Dispose();
            throw;
        }
    }
}
