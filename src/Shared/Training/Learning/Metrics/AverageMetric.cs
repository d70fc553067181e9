namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>AvgMetric</c>/<c>AvgLoss</c> shape: a row-weighted <see cref="AverageValue"/> fed per validation batch,
/// whose state [total, rows] data-parallel replicas sum exactly (<see cref="IReducibleMetric"/>).
/// </summary>
internal abstract class AverageMetric : IReducibleMetric
{
    private protected AverageValue Average { get; } = new();

    public abstract string Name { get; }

    public abstract float Value { get; }

    public abstract void Accumulate(Learner learn);

    public void Reset() => Average.Reset();

    /// <summary>[row-weighted total, rows].</summary>
    public int StateLength => 2;

    public void WriteState(Span<double> state) => Average.WriteState(state, Name);

    public void LoadState(ReadOnlySpan<double> state) => Average.LoadState(state, Name);
}
