namespace Troupe.Training.Tuning;

/// <summary>
/// A trial scheduler as a pure decision object with Ray Tune's TrialScheduler shape: the coordinator feeds it trial
/// events and acts on the returned <see cref="TrialDecision"/>. No I/O, no clocks, no threads: the same events in the
/// same order give the same decisions, so a resumed coordinator rebuilds a scheduler by replaying its journal.
/// <para>Event protocol (Ray's TuneController): <see cref="OnTrialAdd"/> once per trial before anything else; per epoch
/// <see cref="OnTrialResult"/>, except the final result, which goes to <see cref="OnTrialComplete"/>; after a
/// <see cref="TrialDecision.Stop"/> or when a trial is given up, <see cref="OnTrialRemove"/>; <see cref="OnTrialError"/>
/// on a failed attempt (the trial may be retried from its checkpoint and report earlier epochs again).</para>
/// </summary>
public abstract class TrialScheduler
{
    /// <exception cref="ArgumentException">The metric name is empty.</exception>
    protected TrialScheduler(string metric, MetricMode mode)
    {
        Objective = new MetricObjective(metric, mode);
    }

    /// <summary>The result key this scheduler ranks trials by, and which way is better.</summary>
    public MetricObjective Objective { get; }

    public string Metric => Objective.Metric;

    public MetricMode Mode => Objective.Mode;

    public virtual void OnTrialAdd(string trialId) => ArgumentException.ThrowIfNullOrEmpty(trialId);

    /// <summary>A non-final result of a running trial: continue, pause or stop it.</summary>
    public abstract TrialDecision OnTrialResult(string trialId, TrialResult result);

    /// <summary>The trial finished; <paramref name="result"/> is its final result, or null when it ended without one.</summary>
    public virtual void OnTrialComplete(string trialId, TrialResult? result) => ArgumentException.ThrowIfNullOrEmpty(trialId);

    public virtual void OnTrialError(string trialId) => ArgumentException.ThrowIfNullOrEmpty(trialId);

    public virtual void OnTrialRemove(string trialId) => ArgumentException.ThrowIfNullOrEmpty(trialId);

    /// <summary>
    /// Which waiting trial gets the next free slot, or null for none. FIFO, as Ray's FIFOScheduler: the first pending
    /// trial in <paramref name="candidates"/>' order, else the first paused one.
    /// </summary>
    public virtual string? ChooseTrialToRun(IEnumerable<TrialCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        TrialCandidate? paused = null;
        foreach (var c in candidates)
        {
            if (c.Status == TrialStatus.Pending) return c.TrialId;
            if (c.Status == TrialStatus.Paused) paused ??= c;
        }
        return paused?.TrialId;
    }

    /// <summary>One line about the scheduler's state, for the coordinator's log.</summary>
    public abstract string DebugString();

    /// <summary>The metric signed so that larger is better (Ray's <c>metric_op · value</c>).</summary>
    protected double Reward(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Objective.Reward(result.Value(Metric));
    }
}
