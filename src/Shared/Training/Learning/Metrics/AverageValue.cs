namespace Troupe.Training.Learning;

/// <summary>
/// fastai's batch-size-weighted average (<c>AvgLoss</c>, <c>AvgMetric</c>): <c>total += value * bs</c>,
/// <c>count += bs</c>, value <c>total / count</c>, with <c>bs</c> the rows of the batch
/// (<c>find_bs(yb)</c>). fastai's total is a float32 tensor; so is this one.
/// </summary>
internal sealed class AverageValue
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

    /// <summary>
    /// Replaces the sums (a reduction over data-parallel replicas: each replica's <see cref="Total"/> and
    /// <see cref="Count"/> added up).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">count is negative.</exception>
    public void Load(float total, long count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"AverageValue: expected count >= 0, got {count}");
        Total = total;
        Count = count;
    }

    /// <summary>[<see cref="Total"/>, <see cref="Count"/>] as an <see cref="IReducibleMetric"/> state.</summary>
    internal void WriteState(Span<double> state, string metric)
    {
        if (state.Length != 2) throw new ArgumentException($"{metric}: expected a state of 2 values, got {state.Length}", nameof(state));
        state[0] = Total;
        state[1] = Count;
    }

    /// <summary>Loads [total, count]; the count must be a whole number >= 0.</summary>
    internal void LoadState(ReadOnlySpan<double> state, string metric)
    {
        if (state.Length != 2) throw new ArgumentException($"{metric}: expected a state of 2 values, got {state.Length}", nameof(state));
        if (!(state[1] >= 0) || state[1] != Math.Floor(state[1]) || state[1] > long.MaxValue)
            throw new ArgumentException($"{metric}: expected a whole row count >= 0, got {state[1]}", nameof(state));
        Load((float)state[0], (long)state[1]);
    }

    public void Accumulate(float value, int rows)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), $"AverageValue: expected a batch of >= 1 rows, got {rows}");
        Total += value * rows;
        Count += rows;
    }
}
