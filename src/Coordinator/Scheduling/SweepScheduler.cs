using Troupe.Training.Experiments;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Scheduling;

/// <summary>
/// A sweep's trials (the spec's search, generated once, seeded) and its <see cref="TrialScheduler"/> (FIFO, ASHA or
/// median stopping), as one plain object the coordinator calls synchronously. Every change goes through
/// <see cref="Apply"/>: the coordinator applies an event, journals it with the decision in one transaction, and acts
/// only once that committed (a failed commit stops the sweep, so this state is never acted on unjournaled); a resume
/// replays the journaled events through the same <see cref="Apply"/>, so it decides as the interrupted sweep would have.
/// </summary>
internal sealed class SweepScheduler
{
    private readonly TrialScheduler scheduler;

    /// <param name="spec">The experiment: its search gives the trials, its scheduler section the trial scheduler.</param>
    /// <param name="replay">The journal's scheduler events, in order (a resume), or none.</param>
    public SweepScheduler(ExperimentSpec spec, IEnumerable<SchedulerEvent>? replay = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        scheduler = spec.CreateScheduler();
        Trials = spec.Trials();
        foreach (var t in Trials) scheduler.OnTrialAdd(t.TrialId);
        foreach (var e in replay ?? []) Apply(e);
    }

    /// <summary>The experiment's trials, in generation order.</summary>
    public IReadOnlyList<TrialConfig> Trials { get; }

    /// <summary>
    /// Applies <paramref name="e"/>: the decision for a non-final result (continue, pause, stop), else
    /// <see cref="TrialDecision.Continue"/>.
    /// </summary>
    public TrialDecision Apply(SchedulerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e)
        {
            case SchedulerEvent.Result { Final: true } r:
                scheduler.OnTrialComplete(r.TrialId, new TrialResult(r.At, r.Values));
                return TrialDecision.Continue;
            case SchedulerEvent.Result r:
                return scheduler.OnTrialResult(r.TrialId, new TrialResult(r.At, r.Values));
            case SchedulerEvent.Errored:
                scheduler.OnTrialError(e.TrialId);
                return TrialDecision.Continue;
            case SchedulerEvent.Removed:
                scheduler.OnTrialRemove(e.TrialId);
                return TrialDecision.Continue;
            default:
                throw new ArgumentException($"expected a result, error or removal event, got {e.GetType().Name}", nameof(e));
        }
    }

    /// <summary>Which waiting trial gets the next free slot (see <see cref="TrialScheduler.ChooseTrialToRun"/>), or null.</summary>
    public string? ChooseNext(IReadOnlyList<TrialCandidate> candidates) => scheduler.ChooseTrialToRun(candidates);

    /// <summary>The scheduler's state in one line (rungs and cut-offs for ASHA), for the log.</summary>
    public string State => scheduler.DebugString();
}
