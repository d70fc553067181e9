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
        var workerId = gang.Placement.Replicas[0].WorkerId;   // rank 0's: the attempt's worker in the journal and the results
        var fence = Table.Begin(trialId, [.. gang.Placement.Replicas.Select(r => r.WorkerId)]);
        var start = new AttemptStart(fence, entry, gang, [.. gang.Placement.Replicas.Select(r => agents[r.WorkerId])], entry.CheckpointEpoch ?? 0, workerId,
            [.. gang.Placement.Replicas.Select(r => new GroupReplica(r.Rank, r.WorkerId, gang.Hosts[r.Rank]))]);
        var rendezvous = gang.IsGroup ? $"{gang.RendezvousHost}:{gang.RendezvousPort}" : null;
        journal.Tell(new JournalAttemptStart(fence, workerId, start.StartEpoch, gang.IsGroup ? start.Replicas : null, rendezvous));
        BecomeStacked(() => JournalingAttemptStart(start));
    }

    // The attempt is journaled (and its checkpoint offered, when it resumes from one): now its workers are told.
    private void StartAttempt(AttemptStart start, IReadOnlyList<BlobOffer>? checkpoints)
    {
        var (fence, gang) = (start.Fence, start.Gang);
        var trial = TrialAssignments.For(spec, start.Entry.Config, settings.SpecBaseDirectory);
        for (var rank = 0; rank < gang.WorldSize; rank++)
        {
            var assignment = gang.IsGroup
                ? trial with { Group = new ReplicaGroup(fence.ToString(), rank, gang.WorldSize, gang.RendezvousHost, gang.RendezvousPort, settings.GroupTimeout) }
                : trial;
            start.Agents[rank].Tell(new StartTrial(fence, assignment, checkpoints?[rank], Self));
        }
        Publish(new TrialPlaced(fence, start.WorkerId, start.StartEpoch, ParamText.Short(start.Entry.Config.Params)));
        if (gang.IsGroup) Publish(new GroupFormed(fence, start.Replicas, gang.RendezvousHost, gang.RendezvousPort));
        TryDispatch();
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
}
