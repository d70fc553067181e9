namespace Troupe.Training.Learning;

/// <summary>
/// fastai's batch-size-weighted average (<c>AvgLoss</c>, <c>AvgMetric</c>): <c>total += value * bs</c>,
/// <c>count += bs</c>, value <c>total / count</c>, with <c>bs</c> the rows of the batch
/// (<c>find_bs(yb)</c>). fastai's total is a float32 tensor; so is this one.
/// </summary>
public sealed class AverageValue
{
    public float Total { get; private set; }

    public long Count { get; private set; }

    /// <summary>NaN before the first batch.</summary>
    public float Value => Total / Count;

    public void Reset()
    {
        Total = 0;
        Count = 0;
    }

    public void Accumulate(float value, int rows)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), $"AverageValue: expected a batch of >= 1 rows, got {rows}");
        Total += value * rows;
        Count += rows;
    }
}
