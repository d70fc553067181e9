using Akka.Actor;
using Akka.Event;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Reporting;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Sweep;

internal sealed partial class ExperimentCoordinator
{
    private const string ProbePrefix = "regroup-probe ";

    // A replica of a live group failed on its own (its collective lost a peer, most likely): the group's other workers
    // that are still members are probed (Identify, answered by any live actor system) and the trial waits in `holds`
    // until each answered or left the cluster, so the next group is not formed on a worker that is dead but not yet
    // detected. Bounded by the group timeout: past it the trial regroups anyway (a silent peer then fails the
    // rendezvous, as it would have without the hold).
    private void HoldRegroup(FencingToken fence, IReadOnlyList<string> peers)
    {
        var suspects = peers.Where(workers.ContainsValue).ToList();
        if (suspects.Count == 0) return;
        var placed = holds.Place(fence.TrialId, suspects, DateTime.UtcNow + settings.GroupTimeout);
        foreach (var (agent, id) in workers)
            if (suspects.Contains(id)) agent.Tell(new Identify(FormattableString.Invariant($"{ProbePrefix}{placed} {id}")));
        Timers.StartSingleTimer(ProbePrefix + fence.TrialId, new RegroupTick(fence.TrialId), settings.GroupTimeout);
        journal.Tell(new JournalNote("regroup_held", fence, $"waiting for {string.Join(", ", suspects)}"));
        Publish(new RegroupHeld(fence, suspects, settings.GroupTimeout));
    }

    private void OnProbeAnswered(ActorIdentity answer)
    {
        // The id is a string, so the probe crosses nodes with Akka's own serializers: "regroup-probe GENERATION WORKER".
        // Akka answers a probe it could not deliver (the peer's node is gone) itself, with no subject: not an answer.
        if (answer.MessageId is not string id || !id.StartsWith(ProbePrefix, StringComparison.Ordinal) || answer.Subject.IsNobody()) return;
        var parts = id[ProbePrefix.Length..].Split(' ', 2);
        if (parts.Length != 2 || !long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var placed)) return;
        // A late answer clears only holds placed up to its probe's: a later hold is about a later failure.
        if (holds.Clear(parts[1], placed)) TryDispatch();
    }

    // The hold's deadline: regroup now, or look again when a timer fired a little early.
    private void OnRegroupTick(RegroupTick tick)
    {
        var now = DateTime.UtcNow;
        if (holds.IsHeld(tick.TrialId, now) && holds.DeadlineOf(tick.TrialId) is { } until)
            Timers.StartSingleTimer(ProbePrefix + tick.TrialId, tick, until - now);
        else
            TryDispatch();
    }

    private sealed record RegroupTick(string TrialId);
}
