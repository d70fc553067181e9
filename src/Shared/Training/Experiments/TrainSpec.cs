using Troupe.Training.Tuning;

namespace Troupe.Training.Experiments;

/// <summary>
/// The spec's <c>train</c>: epochs, batch size (the whole batch: replicas split its rows), BPTT length, schedule, and
/// the metric trials are ranked and scheduled by, with whether lower or higher is better, and whether layer groups are
/// unfrozen gradually (<see cref="UnfreezeKind"/>; <see cref="Epochs"/> then counts the epochs of every phase).
/// </summary>
public sealed record TrainSpec(int Epochs, int BatchSize, int SeqLen, LrSchedule Schedule, string Metric, MetricMode Mode, UnfreezeKind Unfreeze = UnfreezeKind.None)
{
    /// <summary>The per-epoch metrics a model actor reports, with the mode each is best in.</summary>
    public static IReadOnlyDictionary<string, MetricMode> KnownMetrics { get; } = new Dictionary<string, MetricMode>(StringComparer.Ordinal)
    {
        ["valid_loss"] = MetricMode.Min,
        ["train_loss"] = MetricMode.Min,
        ["accuracy"] = MetricMode.Max,
        ["perplexity"] = MetricMode.Min,
    };

    /// <summary>The metric trials are ranked and scheduled by, with its mode.</summary>
    public MetricObjective Objective => new(Metric, Mode);
}
