using Akka.Actor;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Scheduling;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Sweep;

// Attempts that end by a failure: decided at once (retry from the last checkpoint while the budget allows, else give
// up), journaled, and only then their slots released, their still-running actors' slots held and the failure told.
internal sealed partial class ExperimentCoordinator
{
    private void OnTrialFailed(TrialFailed m)
    {
        var verdict = Table.Check(m.Fence);
        if (!verdict.Accepted)
        {
            Stale(m.Fence, "failure report", verdict);
            return;
        }
        var peers = Table[m.Fence.TrialId].Workers.Where(w => w != m.WorkerId).Distinct(StringComparer.Ordinal).ToList();
        Fail([Ending(m.Fence, $"{m.Reason} (on {m.WorkerId})") with { RegroupPeers = peers }]);
    }

    private static AttemptEnding Ending(FencingToken fence, string reason, string outcome = "failed", IActorRef? stopped = null) =>
        new(fence, reason, outcome, stopped, []);

    // A data-parallel group is torn down whole (its other replicas cannot go on without the lost one). Every ending is
    // decided and sent to the journal here; each is acted on once journaled (JournalingAttemptEnds), then AfterChange.
    private void Fail(IReadOnlyList<AttemptEnding> endings)
    {
        var pending = new Dictionary<FencingToken, AttemptEnding>();
        foreach (var ending in endings)
        {
            var fence = ending.Fence;
            var group = Table[fence.TrialId];
            var running = Table.StillRunning(fence, ending.Stopped);
            if (group.Workers.Count > 1)
                foreach (var model in group.ModelActors.Except(group.FinishedReplicas)) model.Tell(new StopTrial(fence, $"group torn down: {ending.Reason}"));
            var giveUp = Table.Fail(fence) == RetryDecision.GiveUp;
            List<SchedulerEvent> events = [new SchedulerEvent.Errored(fence.TrialId)];
            if (giveUp) events.Add(new SchedulerEvent.Removed(fence.TrialId));
            foreach (var e in events) scheduler.Apply(e);
            journal.Tell(new JournalAttemptEnd(fence, giveUp ? "given_up" : ending.Outcome, ending.Reason, Table[fence.TrialId].Status, events));
            pending[fence] = ending with { Running = running, GiveUp = giveUp };
        }
        if (pending.Count == 0) AfterChange();
        else BecomeStacked(() => JournalingAttemptEnds(pending));
    }

    private void OnAttemptEndJournaled(AttemptEnding ended)
    {
        var fence = ended.Fence;
        planner.Release(fence.TrialId, failed: true);
        HoldRunning(fence, ended.Running);
        var entry = Table[fence.TrialId];
        Publish(new TrialAttemptFailed(fence, ended.Reason, !ended.GiveUp, Table.RetriesLeft(fence.TrialId), entry.CheckpointEpoch ?? 0));
        if (ended.RegroupPeers.Count > 0 && entry.Status == TrialStatus.Pending) HoldRegroup(fence, ended.RegroupPeers);
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

    private void Stale(FencingToken fence, string report, FenceVerdict verdict)
    {
        journal.Tell(new JournalNote("stale", fence, $"{report}: {verdict.Message}"));
        Publish(new StaleReportIgnored(fence, report, verdict.Message));
    }
}
