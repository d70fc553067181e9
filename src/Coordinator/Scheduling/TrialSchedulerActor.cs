using Akka.Actor;
using Troupe.Coordinator.Journal;
using Troupe.Training.Experiments;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Scheduling;

/// <summary>
/// The coordinator's trial scheduler child: the search (the spec's trials, generated once, seeded) and the spec's
/// <see cref="TrialScheduler"/> (FIFO, ASHA or median stopping) as pure decision objects behind messages. On a resume
/// it replays the journal's scheduler events, so it decides as the interrupted coordinator's scheduler would have.
/// </summary>
internal sealed class TrialSchedulerActor : ReceiveActor
{

    private readonly TrialScheduler scheduler;
    private readonly IReadOnlyList<TrialConfig> trials;

    public TrialSchedulerActor(ExperimentSpec spec, JournalSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(spec);
        scheduler = spec.CreateScheduler();
        trials = spec.Trials();
        foreach (var t in trials) scheduler.OnTrialAdd(t.TrialId);
        foreach (var e in snapshot?.Replay ?? []) Replay(e);

        Receive<ChooseNext>(m => Sender.Tell(new NextChosen(scheduler.ChooseTrialToRun(m.Candidates))));
        Receive<ScoreResult>(m =>
        {
            var result = new TrialResult(m.Time, m.Values);
            TrialDecision decision;
            if (m.Final)
            {
                scheduler.OnTrialComplete(m.Fence.TrialId, result);
                decision = TrialDecision.Continue;
            }
            else
            {
                decision = scheduler.OnTrialResult(m.Fence.TrialId, result);
            }
            Sender.Tell(new ResultScored(m.Fence, m.Time, decision, scheduler.DebugString()));
        });
        Receive<TrialErrored>(m => scheduler.OnTrialError(m.TrialId));
        Receive<TrialRemoved>(m => scheduler.OnTrialRemove(m.TrialId));
    }

    protected override void PreStart() => Context.Parent.Tell(new TrialsGenerated(trials));

    private void Replay(SchedulerReplay e)
    {
        switch (e.Kind)
        {
            case "result":
                scheduler.OnTrialResult(e.TrialId, new TrialResult(e.Time, e.Values!));
                break;
            case "final_result":
                scheduler.OnTrialComplete(e.TrialId, new TrialResult(e.Time, e.Values!));
                break;
            case "error":
                scheduler.OnTrialError(e.TrialId);
                break;
            case "removed":
                scheduler.OnTrialRemove(e.TrialId);
                break;
            default:
                throw new InvalidDataException($"journal: expected a scheduler event (result, final_result, error, removed), got '{e.Kind}'");
        }
    }
}
