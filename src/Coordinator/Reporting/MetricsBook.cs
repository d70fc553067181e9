using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// Every accepted epoch of every trial, as curves (epoch → the latest attempt's values: a retried epoch replaces the
/// failed attempt's), with each trial's best value of the spec's metric, and this session's pace for the ETA.
/// </summary>
internal sealed class MetricsBook(IReadOnlyList<TrialConfig> trials, MetricObjective objective)
{
    private readonly Dictionary<string, SortedDictionary<int, EpochMetrics>> curves = trials.ToDictionary(t => t.TrialId, _ => new SortedDictionary<int, EpochMetrics>(), StringComparer.Ordinal);
    private DateTime? firstReport;

    public IReadOnlyList<TrialConfig> Trials { get; } = trials;

    public MetricObjective Objective { get; } = objective;

    public string Metric => Objective.Metric;

    /// <summary>Epoch reports received in this session.</summary>
    public int SessionEpochs { get; private set; }

    public void Add(string trialId, EpochMetrics m, bool live)
    {
        curves[trialId][m.Epoch] = m;
        if (!live) return;
        firstReport ??= DateTime.UtcNow - TimeSpan.FromSeconds(m.Seconds);
        SessionEpochs++;
    }

    public IReadOnlyDictionary<int, EpochMetrics> Curve(string trialId) => curves[trialId];

    public EpochMetrics? Last(string trialId) => curves[trialId].Count == 0 ? null : curves[trialId].Values.Last();

    /// <summary>The trial's best epoch by the metric, or null.</summary>
    public EpochMetrics? Best(string trialId) => Objective.Best(curves[trialId].Values, m => m.Value(Metric));

    /// <summary>The best trial and its best epoch, or null when nothing was reported.</summary>
    public (string TrialId, EpochMetrics Metrics)? BestOverall() =>
        Objective.Best(Trials.Select(t => new BestOf(t.TrialId, Best(t.TrialId))), x => x.Metrics?.Value(Metric)) is { Metrics: { } m } best
            ? (best.TrialId, m)
            : null;

    private sealed record BestOf(string TrialId, EpochMetrics? Metrics);

    /// <summary>Time left at this session's pace (epochs per second over all slots) for <paramref name="remainingEpochs"/> epochs; null before the first report.</summary>
    public TimeSpan? Eta(int remainingEpochs)
    {
        if (firstReport is not { } first || SessionEpochs == 0) return null;
        var perEpoch = (DateTime.UtcNow - first).TotalSeconds / SessionEpochs;
        return TimeSpan.FromSeconds(perEpoch * remainingEpochs);
    }
}
