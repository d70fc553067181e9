using Troupe.Actors;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Placement;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Scheduling;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Sweep;

public sealed partial class ExperimentCoordinator
{
    // Fills free slots one trial at a time: the scheduler chooses, placement reserves, the journal records the
    // attempt (and hands back the checkpoint it starts from), and only then the worker is told.
    private void TryDispatch()
    {
        if (Table.Waiting == 0 || workers.Count == 0) return;
        scheduler.Tell(new ChooseNext(Table.Candidates()));
        Await<NextChosen>(_ => true, chosen =>
        {
            if (chosen.TrialId is not { } id) return;
            placement.Tell(new PlaceTrial(spec.Resources.Request(id, replicas: 1)));
            Await<object>(m => m is SlotsReserved p && p.TrialId == id || m is PlacementRefused r && r.TrialId == id, answer =>
            {
                if (answer is PlacementRefused refused)
                {
                    if (!refused.CanEverFit && blocked.Add(id))
                        Publish(new PlacementBlocked(id, spec.Resources.SlotsPerReplica, refused.TotalSlots));
                    return;
                }
                Dispatch((SlotsReserved)answer);
            });
        });
    }

    private void Dispatch(SlotsReserved placed)
    {
        var entry = Table[placed.TrialId];
        var startEpoch = entry.CheckpointEpoch ?? 0;
        var fence = Table.Begin(placed.TrialId, placed.WorkerId);
        journal.Tell(new JournalAttemptStart(fence, placed.WorkerId, startEpoch));
        Await<AttemptJournaled>(a => a.Fence == fence, journaled =>
        {
            placed.Agent.Tell(new StartTrial(fence, TrialAssignments.For(spec, entry.Config, settings.SpecBaseDirectory), journaled.Checkpoint, Self));
            Publish(new TrialPlaced(fence, placed.WorkerId, startEpoch, ParamText.Short(entry.Config.Params)));
            TryDispatch();
        });
    }

    private void OnTrialStarted(TrialStarted m)
    {
        var verdict = Table.Check(m.Fence);
        if (!verdict.Accepted)
        {
            m.ModelActor.Tell(new StopTrial(m.Fence, verdict.Message));
            Stale(m.Fence, "start", verdict);
            return;
        }
        Table.Started(m.Fence, m.ModelActor);
        Context.Watch(m.ModelActor);
    }

    private void OnProgress(TrialProgress m)
    {
        if (!Table.Check(m.Fence).Accepted) return;
        // An attempt trains once its first batch is reported (past loading data and its checkpoint): the journal keeps
        // when (restart times are measured to it), and a restart from a checkpoint gets a log line.
        if (Table.MarkTraining(m.Fence) && Table[m.Fence.TrialId].Worker is { } worker)
        {
            journal.Tell(new JournalNote("training", m.Fence, $"on {worker} from epoch {m.Epoch}"));
            if (m.Epoch > 0) Publish(new TrialResumed(m.Fence, worker, m.Epoch));
        }
        var e = new TrialBatchProgress(m);
        // The live table shows batch positions; the text and JSON logs have no line for them.
        if (settings.Format == LogFormat.Live) metrics.Tell(e);
        foreach (var s in subscribers) s.Tell(e);
    }

    private void OnEpoch(EpochCompleted m)
    {
        var fence = m.Fence;
        var verdict = Table.Check(fence);
        if (!verdict.Accepted)
        {
            Stale(fence, $"epoch {m.Metrics.Epoch} report", verdict);
            return;
        }
        var entry = Table[fence.TrialId];
        if (entry.ModelActor is null)
        {
            Table.Started(fence, Sender);
            Context.Watch(Sender);
        }
        var metric = m.Metrics.Value(spec.Train.Metric);
        if (metric is null)
        {
            entry.ModelActor?.Tell(new StopTrial(fence, "report without the metric"));
            Fail(fence, $"epoch {m.Metrics.Epoch} report has no {spec.Train.Metric}", AfterChange);
            return;
        }
        var time = m.Metrics.Epoch + 1;
        var final = time >= spec.Train.Epochs;
        scheduler.Tell(new ScoreResult(fence, time, m.Metrics.AllValues(), final));
        Await<ResultScored>(s => s.Fence == fence && s.Time == time, scored =>
        {
            var isBest = Table.IsBetter(fence.TrialId, metric);
            var status = final ? TrialStatus.Completed : scored.Decision switch
            {
                TrialDecision.Stop => TrialStatus.Stopped,
                TrialDecision.Pause => TrialStatus.Paused,
                _ => TrialStatus.Running,
            };
            journal.Tell(new JournalEpoch(fence, m.Metrics, m.Checkpoint, metric, isBest, scored.Decision, final, status));
            Await<EpochJournaled>(j => j.Fence == fence && j.Epoch == m.Metrics.Epoch, _ =>
            {
                Table.RecordEpoch(fence, m.Metrics.Epoch, metric, isBest);
                Publish(new EpochReported(fence, m.Metrics, isBest));
                if (status != TrialStatus.Running) EndAttempt(fence, status, time, metric, scored.Scheduler);
            });
        });
    }

    private void EndAttempt(FencingToken fence, TrialStatus status, int epochs, double? metric, string schedulerState)
    {
        var model = Table[fence.TrialId].ModelActor;
        Table.End(fence, status);
        placement.Tell(new ReleaseTrial(fence.TrialId));
        switch (status)
        {
            case TrialStatus.Stopped:
                model?.Tell(new StopTrial(fence, "stopped early by the scheduler"));
                scheduler.Tell(new TrialRemoved(fence.TrialId));
                Publish(new TrialStoppedEarly(fence, epochs, metric, schedulerState));
                break;
            case TrialStatus.Paused:
                model?.Tell(new StopTrial(fence, "paused by the scheduler"));
                Publish(new TrialPaused(fence, epochs));
                break;
            default:
                Publish(new TrialCompleted(fence, epochs, metric));
                break;
        }
        AfterChange();
    }

    private void OnTrialFailed(TrialFailed m)
    {
        var verdict = Table.Check(m.Fence);
        if (!verdict.Accepted)
        {
            Stale(m.Fence, "failure report", verdict);
            return;
        }
        Fail(m.Fence, $"{m.Reason} (on {m.WorkerId})", AfterChange);
    }

    // The attempt failed: retry from the last checkpoint while the budget allows, else the trial fails.
    private void Fail(FencingToken fence, string reason, Action next, string outcome = "failed")
    {
        var decision = Table.Fail(fence);
        var giveUp = decision == RetryDecision.GiveUp;
        var entry = Table[fence.TrialId];
        scheduler.Tell(new TrialErrored(fence.TrialId));
        if (giveUp) scheduler.Tell(new TrialRemoved(fence.TrialId));
        journal.Tell(new JournalAttemptEnd(fence, giveUp ? "given_up" : outcome, reason, entry.Status, SchedulerError: true, SchedulerRemove: giveUp));
        Await<AttemptEndJournaled>(a => a.Fence == fence, _ =>
        {
            placement.Tell(new ReleaseTrial(fence.TrialId));
            Publish(new TrialAttemptFailed(fence, reason, !giveUp, Table.RetriesLeft(fence.TrialId), entry.CheckpointEpoch ?? 0));
            next();
        });
    }

    private void Stale(FencingToken fence, string report, FenceVerdict verdict)
    {
        journal.Tell(new JournalNote("stale", fence, $"{report}: {verdict.Message}"));
        Publish(new StaleReportIgnored(fence, report, verdict.Message));
    }
}
