using Akka.Actor;
using Troupe.Node.Transfer;
using Akka.Event;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Placement;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Scheduling;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Sweep;

internal sealed partial class ExperimentCoordinator
{
    // Fills free slots one trial at a time: the scheduler chooses, the planner reserves (a whole gang or nothing), the
    // journal records the attempt (and hands back the checkpoint it starts from), and only then the workers are told.
    private void TryDispatch()
    {
        if (Table.Waiting == 0 || workers.Count == 0) return;
        var now = DateTime.UtcNow;
        var candidates = Table.Candidates().Where(c => !holds.IsHeld(c.TrialId, now)).ToList();
        if (candidates.Count == 0 || scheduler.ChooseNext(candidates) is not { } id) return;
        var decision = planner.Place(id, now);
        if (decision.Placed is { } gang) Dispatch(id, gang);
        else Refused(id, decision);
    }

    private void Refused(string id, GangDecision refused)
    {
        if (!refused.CanEverFit && blocked.Add(id))
        {
            var smallest = spec.Resources.Replicas.UsableCounts(spec.Train.BatchSize).Min();
            Publish(refused.TotalSlots > 0 && !refused.DeviceOffered
                ? new PlacementBlocked(id, spec.Resources.SlotsPerReplica, refused.TotalSlots, spec.Resources.Device)
                : spec.Resources.Replicas.Max > 1
                ? new GroupBlocked(id, smallest, spec.Resources.SlotsPerReplica, refused.TotalSlots)
                : new PlacementBlocked(id, spec.Resources.SlotsPerReplica, refused.TotalSlots));
        }
        // An elastic trial may shrink to the free slots once it waited long enough: look again then.
        if (refused.RetryAt is { } at)
            Timers.StartSingleTimer(ElasticTick.Instance, ElasticTick.Instance, at - DateTime.UtcNow > TimeSpan.Zero ? at - DateTime.UtcNow : TimeSpan.Zero);
    }

    private void Dispatch(string trialId, GangPlacement gang)
    {
        var entry = Table[trialId];
        var startEpoch = entry.CheckpointEpoch ?? 0;
        var workerId = gang.Placement.Replicas[0].WorkerId;   // rank 0's: the attempt's worker in the journal and the results
        var agentsByRank = gang.Placement.Replicas.Select(r => agents[r.WorkerId]).ToList();
        var fence = Table.Begin(trialId, [.. gang.Placement.Replicas.Select(r => r.WorkerId)]);
        var replicas = gang.Placement.Replicas.Select(r => new GroupReplica(r.Rank, r.WorkerId, gang.Hosts[r.Rank])).ToList();
        var rendezvous = gang.IsGroup ? $"{gang.RendezvousHost}:{gang.RendezvousPort}" : null;
        journal.Tell(new JournalAttemptStart(fence, workerId, startEpoch, gang.IsGroup ? replicas : null, rendezvous));
        Await<AttemptJournaled>(a => a.Fence == fence, journaled =>
        {
            if (journaled.CheckpointPath is { } path) OfferCheckpoint(fence, path, gang.WorldSize, Start);
            else Start(null);
        });

        void Start(IReadOnlyList<BlobOffer>? checkpoints)
        {
            var trial = TrialAssignments.For(spec, entry.Config, settings.SpecBaseDirectory);
            for (var rank = 0; rank < gang.WorldSize; rank++)
            {
                var assignment = gang.IsGroup
                    ? trial with { Group = new ReplicaGroup(fence.ToString(), rank, gang.WorldSize, gang.RendezvousHost, gang.RendezvousPort, settings.GroupTimeout) }
                    : trial;
                agentsByRank[rank].Tell(new StartTrial(fence, assignment, checkpoints?[rank], Self));
            }
            Publish(new TrialPlaced(fence, workerId, startEpoch, ParamText.Short(entry.Config.Params)));
            if (gang.IsGroup) Publish(new GroupFormed(fence, replicas, gang.RendezvousHost, gang.RendezvousPort));
            TryDispatch();
        }
    }

    private void OnTrialStarted(TrialStarted m)
    {
        var verdict = Table.Check(m.Fence);
        if (!verdict.Accepted)
        {
            m.ModelActor.Tell(new StopTrial(m.Fence, verdict.Message));
            Stale(m.Fence, "start", verdict);
            HoldRunning(m.Fence, [(m.ModelActor, m.WorkerId)]);
            return;
        }
        Table.Started(m.Fence, m.ModelActor, m.WorkerId);
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
        if (!entry.ModelActors.Contains(Sender))
        {
            Table.Started(fence, Sender);
            Context.Watch(Sender);
        }
        var workersByRank = entry.Workers;
        var metric = m.Metrics.Value(spec.Train.Metric);
        if (metric is null)
        {
            entry.ModelActor?.Tell(new StopTrial(fence, "report without the metric"));
            Fail(fence, $"epoch {m.Metrics.Epoch} report has no {spec.Train.Metric}", AfterChange);
            return;
        }
        ReceiveCheckpoint(fence, m.Metrics.Epoch, m.Checkpoint, received =>
        {
            var time = m.Metrics.Epoch + 1;
            var final = time >= spec.Train.Epochs;
            var result = new SchedulerEvent.Result(fence.TrialId, time, m.Metrics.AllValues(), final);
            var decision = scheduler.Apply(result);
            var schedulerState = scheduler.State;
            var status = final ? TrialStatus.Completed : decision switch
            {
                TrialDecision.Stop => TrialStatus.Stopped,
                TrialDecision.Pause => TrialStatus.Paused,
                _ => TrialStatus.Running,
            };
            List<SchedulerEvent> events = [result];
            if (status == TrialStatus.Stopped) events.Add(new SchedulerEvent.Removed(fence.TrialId));
            foreach (var e in events.Skip(1)) scheduler.Apply(e);
            var isBest = Table.IsBetter(fence.TrialId, metric);
            journal.Tell(new JournalEpoch(fence, m.Metrics, received, metric, isBest, decision, final, status, events));
            Await<EpochJournaled>(j => j.Fence == fence && j.Epoch == m.Metrics.Epoch, _ =>
            {
                Table.RecordEpoch(fence, m.Metrics.Epoch, metric, isBest);
                Publish(new EpochReported(fence, m.Metrics, isBest));
                if (m.Metrics.Replicas.Count > 0) Publish(Throughput(fence, m.Metrics, workersByRank));
                if (status != TrialStatus.Running) EndAttempt(fence, status, time, metric, schedulerState);
            });
        });
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

    private void OnTrialFailed(TrialFailed m)
    {
        var verdict = Table.Check(m.Fence);
        if (!verdict.Accepted)
        {
            Stale(m.Fence, "failure report", verdict);
            return;
        }
        var peers = Table[m.Fence.TrialId].Workers.Where(w => w != m.WorkerId).Distinct(StringComparer.Ordinal).ToList();
        Fail(m.Fence, $"{m.Reason} (on {m.WorkerId})", () =>
        {
            if (peers.Count > 0 && Table[m.Fence.TrialId].Status == TrialStatus.Pending) HoldRegroup(m.Fence, peers);
            AfterChange();
        });
    }

    // The attempt failed: a data-parallel group is torn down whole (its other replicas cannot go on without the lost
    // one), then the trial retries from the last checkpoint with a fresh group while the budget allows, else it fails.
    private void Fail(FencingToken fence, string reason, Action next, string outcome = "failed", IActorRef? stopped = null)
    {
        var group = Table[fence.TrialId];
        var running = Table.StillRunning(fence, stopped);
        if (group.Workers.Count > 1)
            foreach (var model in group.ModelActors.Except(group.FinishedReplicas)) model.Tell(new StopTrial(fence, $"group torn down: {reason}"));
        var decision = Table.Fail(fence);
        var giveUp = decision == RetryDecision.GiveUp;
        var entry = Table[fence.TrialId];
        List<SchedulerEvent> events = [new SchedulerEvent.Errored(fence.TrialId)];
        if (giveUp) events.Add(new SchedulerEvent.Removed(fence.TrialId));
        foreach (var e in events) scheduler.Apply(e);
        journal.Tell(new JournalAttemptEnd(fence, giveUp ? "given_up" : outcome, reason, entry.Status, events));
        Await<AttemptEndJournaled>(a => a.Fence == fence, _ =>
        {
            planner.Release(fence.TrialId, failed: true);
            HoldRunning(fence, running);
            Publish(new TrialAttemptFailed(fence, reason, !giveUp, Table.RetriesLeft(fence.TrialId), entry.CheckpointEpoch ?? 0));
            next();
        });
    }

    // An ended attempt's actors that still run keep their slots until they stop (their Terminated) or their node is
    // removed: a replica blocked in a collective runs on until the group timeout, and a new attempt beside it would
    // share its cores (or its GPU) with it. Actors on a worker already removed hold nothing.
    private void HoldRunning(FencingToken fence, IReadOnlyList<(IActorRef Actor, string WorkerId)> running)
    {
        foreach (var (actor, worker) in running)
        {
            var id = $"{fence}@{actor.Path}";
            if (!planner.Hold(id, worker)) continue;
            draining[actor] = id;
            Context.Watch(actor);
        }
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

    private void Stale(FencingToken fence, string report, FenceVerdict verdict)
    {
        journal.Tell(new JournalNote("stale", fence, $"{report}: {verdict.Message}"));
        Publish(new StaleReportIgnored(fence, report, verdict.Message));
    }
}
