using System.Globalization;

namespace Troupe.Training.Tuning;

/// <summary>
/// The median stopping rule (Golovin et al. 2017, Google Vizier) with Ray Tune's MedianStoppingRule semantics (hard
/// stop): at time t past the grace period, a trial stops when its best reward so far is strictly worse than the median,
/// over the other trials that reached t, of their running averages over [grace, t]. Fewer than
/// <see cref="MinSamplesRequired"/> such trials: continue. Rewards are the metric signed so that larger is better.
/// <para>Unlike Ray, a result at or before a time already seen for the trial (a retry resumed from a checkpoint)
/// replaces the history from that time on, so a retried epoch is not counted twice.</para>
/// </summary>
internal sealed class MedianStoppingRule : FifoScheduler
{
    private readonly Dictionary<string, List<(double Time, double Reward)>> results = new(StringComparer.Ordinal);
    private readonly HashSet<string> stopped = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentOutOfRangeException">A negative grace period or minimum sample count.</exception>
    public MedianStoppingRule(string metric, MetricMode mode, double gracePeriod = 1, int minSamplesRequired = 3)
        : base(metric, mode)
    {
        if (!(gracePeriod >= 0)) throw new ArgumentOutOfRangeException(nameof(gracePeriod), $"median: expected grace ≥ 0, got {gracePeriod}");
        ArgumentOutOfRangeException.ThrowIfNegative(minSamplesRequired);
        GracePeriod = gracePeriod;
        MinSamplesRequired = minSamplesRequired;
    }

    public double GracePeriod { get; }

    public int MinSamplesRequired { get; }

    public int NumStopped => stopped.Count;

    public override TrialDecision OnTrialResult(string trialId, TrialResult result)
    {
        base.OnTrialResult(trialId, result);
        // A trial already stopped has nothing left to decide (Ray asserts it never reports again with hard stop).
        if (stopped.Contains(trialId)) return TrialDecision.Stop;
        var time = result.Time;
        Append(trialId, time, Reward(result));
        if (time < GracePeriod) return TrialDecision.Continue;

        var others = results.Where(r => r.Key != trialId && r.Value[^1].Time >= time).Select(r => r.Value).ToList();
        if (others.Count < MinSamplesRequired) return TrialDecision.Continue;
        var median = Median(others.Select(r => RunningMean(r, time)));
        var best = results[trialId].Max(r => r.Reward);
        if (best < median && time > GracePeriod)
        {
            stopped.Add(trialId);
            return TrialDecision.Stop;
        }
        return TrialDecision.Continue;
    }

    public override void OnTrialComplete(string trialId, TrialResult? result)
    {
        base.OnTrialComplete(trialId, result);
        if (result is not null) Append(trialId, result.Time, Reward(result));
    }

    public override string DebugString() =>
        $"MedianStopping: num_stopped={NumStopped}, trials={results.Count}, grace={GracePeriod.ToString(CultureInfo.InvariantCulture)}, min_samples={MinSamplesRequired}";

    private void Append(string trialId, double time, double reward)
    {
        if (!results.TryGetValue(trialId, out var list)) results[trialId] = list = [];
        while (list.Count > 0 && list[^1].Time >= time) list.RemoveAt(list.Count - 1);
        list.Add((time, reward));
    }

    // Ray's _running_mean: the mean reward over results with grace ≤ time' ≤ time (NaN when there are none).
    private double RunningMean(List<(double Time, double Reward)> history, double time)
    {
        var scoped = history.Where(r => r.Time >= GracePeriod && r.Time <= time).Select(r => r.Reward).ToList();
        return scoped.Count == 0 ? double.NaN : scoped.Average();
    }

    // numpy.median: the mean of the two middle values for an even count; NaN if any value is NaN.
    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Any(double.IsNaN)) return double.NaN;
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
