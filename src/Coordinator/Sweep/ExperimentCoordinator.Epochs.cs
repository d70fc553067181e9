using Akka.Actor;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Scheduling;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Sweep;

// An epoch report, from its arrival to what it decides: accepted (fence), its checkpoint pulled to disk, scored by the
// scheduler, journaled with that decision, and only then acted on (published, the attempt ended when it is over).
internal sealed partial class ExperimentCoordinator
{
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
        if (!entry.ModelActors.Contains(Sender))
        {
            Table.Started(fence, Sender);
            Context.Watch(Sender);
        }
        if (m.Metrics.Value(spec.Train.Metric) is not { } metric)
        {
            entry.ModelActor?.Tell(new StopTrial(fence, "report without the metric"));
            Fail([Ending(fence, $"epoch {m.Metrics.Epoch} report has no {spec.Train.Metric}")]);
            return;
        }
        var report = new EpochReport(fence, m.Metrics, metric, IncomingCheckpoint(fence, m.Metrics.Epoch), [.. entry.Workers]);
        ReceiveCheckpoint(report, m.Checkpoint);
    }

    // The checkpoint is on disk: the scheduler decides, and the epoch goes to the journal with its decision and events.
    private void JournalEpoch(EpochReport report)
    {
        var time = report.Epoch + 1;
        var final = time >= spec.Train.Epochs;
        var result = new SchedulerEvent.Result(report.Fence.TrialId, time, report.Metrics.AllValues(), final);
        var decision = scheduler.Apply(result);
        var schedulerState = scheduler.State;
        var status = final ? TrialStatus.Completed : decision switch
        {
            TrialDecision.Stop => TrialStatus.Stopped,
            TrialDecision.Pause => TrialStatus.Paused,
            _ => TrialStatus.Running,
        };
        List<SchedulerEvent> events = [result];
        if (status == TrialStatus.Stopped) events.Add(new SchedulerEvent.Removed(report.Fence.TrialId));
        foreach (var e in events.Skip(1)) scheduler.Apply(e);
        var isBest = Table.IsBetter(report.Fence.TrialId, report.Metric);
        journal.Tell(new JournalEpoch(report.Fence, report.Metrics, report.Path, report.Metric, isBest, decision, final, status, events));
        Become(() => JournalingEpoch(new ScoredEpoch(report, isBest, status, time, schedulerState)));
    }

    private void OnEpochJournaled(ScoredEpoch scored)
    {
        var (report, fence) = (scored.Report, scored.Report.Fence);
        Table.RecordEpoch(fence, report.Epoch, report.Metric, scored.IsBest);
        Publish(new EpochReported(fence, report.Metrics, scored.IsBest));
        if (report.Metrics.Replicas.Count > 0) Publish(Throughput(fence, report.Metrics, report.WorkersByRank));
        if (scored.Status != TrialStatus.Running) EndAttempt(fence, scored.Status, scored.Time, report.Metric, scored.SchedulerState);
    }

    private void EndAttempt(FencingToken fence, TrialStatus status, int epochs, double? metric, string schedulerState)
    {
        var models = Table[fence.TrialId].ModelActors.ToList();
        var running = Table.StillRunning(fence);
        Table.End(fence, status);
        planner.Release(fence.TrialId, failed: false);
        HoldRunning(fence, running);
        switch (status)
        {
            case TrialStatus.Stopped:
                foreach (var model in models) model.Tell(new StopTrial(fence, "stopped early by the scheduler"));
                Publish(new TrialStoppedEarly(fence, epochs, metric, schedulerState));
                break;
            case TrialStatus.Paused:
                foreach (var model in models) model.Tell(new StopTrial(fence, "paused by the scheduler"));
                Publish(new TrialPaused(fence, epochs));
                break;
            default:
                Publish(new TrialCompleted(fence, epochs, metric));
                break;
        }
        AfterChange();
    }

    // A replica (rank >= 1) ended its fit: its Terminated is expected. After rank 0's last epoch ended the attempt this
    // arrives late as the normal course of things, so only reports of an older attempt are logged as stale.
    private void OnReplicaFinished(ReplicaFinished m)
    {
        var verdict = Table.Check(m.Fence);
        if (verdict.Accepted) Table.ReplicaFinished(m.Fence, Sender);
        else if (verdict.Rejection != FenceRejection.AttemptEnded) Stale(m.Fence, $"rank {m.Rank} finish report", verdict);
    }

    private static ReplicaThroughputReported Throughput(FencingToken fence, EpochMetrics m, IReadOnlyList<string> workersByRank) => new(
        fence, m.Epoch,
        [.. m.Replicas.Select(r => new ReplicaRate(r.Rank, r.Rank < workersByRank.Count ? workersByRank[r.Rank] : "?", r.TokensPerSecond, r.CommFraction))],
        m.TokensPerSecond);
}
