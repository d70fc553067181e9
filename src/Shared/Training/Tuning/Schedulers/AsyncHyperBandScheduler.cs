using System.Globalization;

namespace Troupe.Training.Tuning;

/// <summary>
/// Asynchronous successive halving (ASHA; Li et al. 2018), with Ray Tune's AsyncHyperBandScheduler semantics and one
/// bracket (Ray's default). Rungs sit at <c>grace · reduction^k</c> for k = 0.. while below <c>max_t</c>. The first
/// result of a trial at or past a rung it has not been recorded in is compared with the rung's cutoff, the
/// (1 − 1/reduction) percentile (linear interpolation, NaN ignored) of the rewards recorded there before it: a trial
/// below the cutoff stops, so only the top 1/reduction go on. Its reward is recorded either way. A result at or past
/// <c>max_t</c> stops the trial (unless <c>stopLastTrials</c> is false).
/// </summary>
internal sealed class AsyncHyperBandScheduler : FifoScheduler
{
    private readonly Rung[] rungs; // descending milestones, as Ray's reversed list: the first match is the highest rung reached
    private readonly HashSet<string> trials = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentOutOfRangeException">grace ≤ 0, maxT &lt; grace, or reduction ≤ 1.</exception>
    public AsyncHyperBandScheduler(string metric, MetricMode mode, double maxT = 100, double gracePeriod = 1,
        double reductionFactor = 4, bool stopLastTrials = true)
        : base(metric, mode)
    {
        if (!(gracePeriod > 0)) throw new ArgumentOutOfRangeException(nameof(gracePeriod), $"ASHA: expected grace > 0, got {gracePeriod}");
        if (!(maxT >= gracePeriod)) throw new ArgumentOutOfRangeException(nameof(maxT), $"ASHA: expected max_t ≥ grace ({gracePeriod}), got {maxT}");
        if (!(reductionFactor > 1)) throw new ArgumentOutOfRangeException(nameof(reductionFactor), $"ASHA: expected reduction > 1, got {reductionFactor}");
        MaxT = maxT;
        GracePeriod = gracePeriod;
        ReductionFactor = reductionFactor;
        StopLastTrials = stopLastTrials;
        // Ray: MAX_RUNGS = int(log(max_t / min_t) / log(rf) - s + 1), s = 0 for the single bracket.
        var count = (int)(Math.Log(maxT / gracePeriod) / Math.Log(reductionFactor) + 1);
        rungs = [.. Enumerable.Range(0, count).Reverse().Select(k => new Rung(gracePeriod * Math.Pow(reductionFactor, k)))];
    }

    public double MaxT { get; }

    public double GracePeriod { get; }

    public double ReductionFactor { get; }

    public bool StopLastTrials { get; }

    /// <summary>The rung milestones, ascending (e.g. 1, 3, 9 for grace 1, reduction 3, max_t 15).</summary>
    public IReadOnlyList<double> Milestones => [.. rungs.Select(r => r.Milestone).Reverse()];

    /// <summary>How many results this scheduler answered with <see cref="TrialDecision.Stop"/>.</summary>
    public int NumStopped { get; private set; }

    /// <summary>The rewards (metric signed so larger is better) recorded at the rung with <paramref name="milestone"/>.</summary>
    public IReadOnlyDictionary<string, double> Recorded(double milestone) =>
        rungs.FirstOrDefault(r => r.Milestone == milestone)?.Recorded
        ?? throw new ArgumentOutOfRangeException(nameof(milestone), $"ASHA: expected a milestone in [{string.Join(", ", Milestones)}], got {milestone}");

    /// <summary>The cutoff a new arrival at <paramref name="milestone"/> must reach, or null while the rung is empty.</summary>
    public double? Cutoff(double milestone) => Cutoff(rungs.First(r => r.Milestone == milestone));

    public override void OnTrialAdd(string trialId)
    {
        base.OnTrialAdd(trialId);
        trials.Add(trialId);
    }

    public override TrialDecision OnTrialResult(string trialId, TrialResult result)
    {
        base.OnTrialResult(trialId, result);
        var reward = Reward(result);
        if (!trials.Contains(trialId))
            throw new InvalidOperationException($"ASHA: expected a trial added by OnTrialAdd, got a result for unknown trial '{trialId}'");
        var decision = result.Time >= MaxT && StopLastTrials ? TrialDecision.Stop : OnRungs(trialId, result.Time, reward);
        if (decision == TrialDecision.Stop) NumStopped++;
        return decision;
    }

    public override void OnTrialComplete(string trialId, TrialResult? result)
    {
        base.OnTrialComplete(trialId, result);
        if (result is not null && trials.Contains(trialId)) OnRungs(trialId, result.Time, Reward(result));
        trials.Remove(trialId);
    }

    public override void OnTrialRemove(string trialId)
    {
        base.OnTrialRemove(trialId);
        trials.Remove(trialId);
    }

    public override string DebugString() =>
        $"ASHA: num_stopped={NumStopped} | " + string.Join(" | ", rungs.Reverse().Select(r =>
            $"t={Format(r.Milestone)}: {r.Recorded.Count} recorded, cutoff {(Cutoff(r) is { } c ? Format(c) : "none")}"));

    // Ray's _Bracket.on_result: the highest rung reached and not yet recorded for this trial decides.
    private TrialDecision OnRungs(string trialId, double time, double reward)
    {
        foreach (var rung in rungs)
        {
            if (time >= rung.Milestone && rung.Recorded.ContainsKey(trialId) && !StopLastTrials) break;
            if (time < rung.Milestone || rung.Recorded.ContainsKey(trialId)) continue;
            var cutoff = Cutoff(rung);
            rung.Recorded[trialId] = reward;
            return cutoff is { } c && reward < c ? TrialDecision.Stop : TrialDecision.Continue;
        }
        return TrialDecision.Continue;
    }

    private double? Cutoff(Rung rung) =>
        rung.Recorded.Count == 0 ? null : Percentile(rung.Recorded.Values, (1 - 1 / ReductionFactor) * 100);

    /// <summary>numpy's nanpercentile with linear interpolation; NaN when every value is NaN.</summary>
    private static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = percent / 100 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var fraction = rank - lo;
        return fraction == 0 ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * fraction;
    }

    private static string Format(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);

    private sealed class Rung(double milestone)
    {
        public double Milestone { get; } = milestone;

        public Dictionary<string, double> Recorded { get; } = new(StringComparer.Ordinal);
    }
}
