namespace Troupe.Training.Learning;

/// <summary>
/// A metric whose state is a fixed-length vector of sums, so the shards of one validation pass (data-parallel
/// replicas, each over its rows of every batch) combine exactly by adding their states element-wise and loading
/// the sum back on every replica. For a row-weighted average (fastai's <c>AvgMetric</c>) the state is
/// [total, rows]: with rows of equal length in a batch, a replica's <c>value * rows</c> is its share of the full
/// batch's <c>value * rows</c>, so the reduced value equals the one a single replica computes over whole batches.
/// </summary>
internal interface IReducibleMetric : IMetric
{
    /// <summary>Length of the state vector; the same on every replica and for the metric's lifetime.</summary>
    int StateLength { get; }

    /// <summary>Writes the state accumulated since <see cref="IMetric.Reset"/> into <paramref name="state"/> (length <see cref="StateLength"/>).</summary>
    void WriteState(Span<double> state);

    /// <summary>Replaces the state with <paramref name="state"/> (e.g. the element-wise sum over replicas); <see cref="IMetric.Value"/> reads it.</summary>
    /// <exception cref="ArgumentException">the length is not <see cref="StateLength"/> or a count is negative or fractional.</exception>
    void LoadState(ReadOnlySpan<double> state);
}
