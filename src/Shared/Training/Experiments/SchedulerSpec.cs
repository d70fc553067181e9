using Troupe.Training.Tuning;

namespace Troupe.Training.Experiments;

/// <summary>
/// The spec's <c>scheduler</c>. <see cref="Grace"/> and <see cref="MaxT"/> count epochs. ASHA: <c>grace</c> (default 1),
/// <c>reduction</c> (default 4, Ray's), <c>max_t</c> (default <c>train.epochs</c>). Median: <c>grace</c> (default 1),
/// <c>min_samples</c> (default 3, Ray's).
/// </summary>
public sealed record SchedulerSpec(SchedulerKind Kind = SchedulerKind.Fifo, double Grace = 1, double Reduction = 4, int? MaxT = null, int MinSamples = 3)
{
    /// <summary>A fresh scheduler for an experiment trained as <paramref name="train"/> says (metric, mode, epochs).</summary>
    public TrialScheduler Create(TrainSpec train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Kind switch
        {
            SchedulerKind.Asha => new AsyncHyperBandScheduler(train.Metric, train.Mode, MaxT ?? train.Epochs, Grace, Reduction),
            SchedulerKind.Median => new MedianStoppingRule(train.Metric, train.Mode, Grace, MinSamples),
            _ => new FifoScheduler(train.Metric, train.Mode),
        };
    }
}
