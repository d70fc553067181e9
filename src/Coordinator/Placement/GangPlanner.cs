using Troupe.Training.Experiments;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Placement;

/// <summary>
/// Gang scheduling of data-parallel trials as a pure decision class (the coordinator calls it synchronously). A trial
/// asks for the largest replica count of <c>resources.replicas</c> that divides the batch size; its slots are reserved
/// all at once through <see cref="SlotPlacement"/> or not at all, so no partial group ever holds slots while it waits.
/// Elastic ranges (<c>2..4</c>) shrink: right after a failed attempt, or once the trial has waited
/// <see cref="ShrinkAfter"/> for its full gang, it takes the largest smaller usable count that fits the free slots
/// now. A placed group of two or more gets a rendezvous: rank 0's host and a port from the injected source, never
/// one a live group of this planner holds. Times are passed in, so decisions are reproducible.
/// </summary>
internal sealed class GangPlanner
{
    private readonly SlotPlacement slots = new();
    private readonly ResourcesSpec resources;
    private readonly IReadOnlyList<int> counts;
    private readonly Func<int> freePort;
    private readonly Dictionary<string, string> hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> waitingSince = new(StringComparer.Ordinal);
    private readonly HashSet<string> failed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> ports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Slots, DeviceKind Device)> advertised = new(StringComparer.Ordinal);
    private readonly HashSet<string> suspended = new(StringComparer.Ordinal);
    private readonly HashSet<string> holds = new(StringComparer.Ordinal);

    /// <param name="resources">The spec's replica range and slots per replica (the same for every trial of the experiment).</param>
    /// <param name="batchSize">The spec's batch size: only replica counts dividing it are used.</param>
    /// <param name="shrinkAfter">How long an elastic trial waits for its full gang before it takes fewer replicas.</param>
    /// <param name="freePort">A port to try for a new rendezvous (e.g. one the OS just handed out).</param>
    /// <exception cref="ArgumentException">No replica count of the range divides <paramref name="batchSize"/>, or a negative wait.</exception>
    public GangPlanner(ResourcesSpec resources, int batchSize, TimeSpan shrinkAfter, Func<int> freePort)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(freePort);
        if (shrinkAfter < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(shrinkAfter), $"GangPlanner: expected a wait >= 0, got {shrinkAfter}");
        counts = resources.Replicas.UsableCounts(batchSize);
        if (counts.Count == 0)
            throw new ArgumentException($"GangPlanner: expected a replica count in {resources.Replicas} that divides batch_size {batchSize}, got none");
        this.resources = resources;
        this.freePort = freePort;
        ShrinkAfter = shrinkAfter;
    }

    public TimeSpan ShrinkAfter { get; }

    public SlotPlacement Slots => slots;

    /// <summary>Adds a worker (or changes its slot count or kind), reachable at <paramref name="host"/>.</summary>
    public void AdvertiseWorker(string workerId, int slotCount, string host, DeviceKind device = DeviceKind.Cpu)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        advertised[workerId] = (slotCount, device);
        slots.AdvertiseWorker(workerId, suspended.Contains(workerId) ? 0 : slotCount, device);
        hosts[workerId] = host;
    }

    /// <summary>
    /// The worker's node is unreachable: no new replica goes there until <see cref="Resume"/> (reachable again) or
    /// <see cref="RemoveWorker"/> (removed from the cluster). Its running replicas keep their slots: an unreachable
    /// node may come back, and only its removal says its trials are lost.
    /// </summary>
    /// <returns>Whether the worker was known and not suspended already.</returns>
    public bool Suspend(string workerId)
    {
        if (!advertised.ContainsKey(workerId) || !suspended.Add(workerId)) return false;
        slots.AdvertiseWorker(workerId, 0, advertised[workerId].Device);
        return true;
    }

    /// <summary>The worker's node is reachable again: its slots are offered again.</summary>
    /// <returns>Whether it was suspended.</returns>
    public bool Resume(string workerId)
    {
        if (!suspended.Remove(workerId)) return false;
        slots.AdvertiseWorker(workerId, advertised[workerId].Slots, advertised[workerId].Device);
        return true;
    }

    /// <summary>
    /// Forgets a worker; the trials with a replica there lose all their slots and are handed back. Holds on it
    /// (<see cref="Hold"/>) end with it and are not handed back: the node that ran those replicas is gone.
    /// </summary>
    public IReadOnlyList<TrialPlacement> RemoveWorker(string workerId)
    {
        var evicted = slots.RemoveWorker(workerId).Where(p => !holds.Remove(p.TrialId)).ToList();
        foreach (var p in evicted) ports.Remove(p.TrialId);
        hosts.Remove(workerId);
        advertised.Remove(workerId);
        suspended.Remove(workerId);
        return evicted;
    }

    /// <summary>
    /// Frees the trial's slots and rendezvous port. <paramref name="failed"/>: its attempt failed, so its next placement
    /// may shrink at once (an elastic range) instead of waiting for the full gang.
    /// </summary>
    public void Release(string trialId, bool failed)
    {
        slots.Release(trialId);
        ports.Remove(trialId);
        if (failed) this.failed.Add(trialId);
    }

    /// <summary>
    /// An ended attempt's replica on <paramref name="workerId"/> still runs (its actor has not stopped: a replica blocked
    /// in a collective runs on until the group timeout): its slots stay taken under <paramref name="holdId"/> until
    /// <see cref="ReleaseHold"/> or the worker's removal, so no new attempt is placed beside it.
    /// </summary>
    /// <returns>False when the worker is unknown (removed already): nothing runs there any more.</returns>
    public bool Hold(string holdId, string workerId)
    {
        if (!advertised.ContainsKey(workerId)) return false;
        slots.Hold(holdId, workerId, resources.SlotsPerReplica);
        holds.Add(holdId);
        return true;
    }

    /// <summary>The held replica stopped: its slots are free. False when the hold is unknown (its worker was removed).</summary>
    public bool ReleaseHold(string holdId) => holds.Remove(holdId) && slots.Release(holdId);

    /// <summary>Reserves a whole gang for <paramref name="trialId"/> at <paramref name="now"/>, or reserves nothing and says why.</summary>
    /// <exception cref="InvalidOperationException">The trial is already placed.</exception>
    public GangDecision Place(string trialId, DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialId);
        if (!waitingSince.TryGetValue(trialId, out var since)) waitingSince[trialId] = since = now;
        var shrink = resources.Replicas.IsElastic && (failed.Contains(trialId) || now - since >= ShrinkAfter);
        foreach (var n in counts)
        {
            if (n < counts[0] && !shrink) break;
            if (slots.TryPlace(resources.Request(trialId, n)) is not { } placed) continue;
            waitingSince.Remove(trialId);
            failed.Remove(trialId);
            return Decision(Gang(placed), now, since, shrink);
        }
        return Decision(null, now, since, shrink);
    }

    private GangDecision Decision(GangPlacement? placed, DateTime now, DateTime since, bool shrink)
    {
        var canEver = counts.Any(n => slots.CanEverFit(resources.Request("probe", n)));
        DateTime? retry = placed is null && resources.Replicas.IsElastic && !shrink && counts.Count > 1 ? since + ShrinkAfter : null;
        if (retry <= now) retry = null;
        return new GangDecision(placed, counts[0], canEver, retry, slots.FreeSlots, slots.TotalSlots, slots.DevicesOffered.Contains(resources.Device));
    }

    private GangPlacement Gang(TrialPlacement placed)
    {
        var replicaHosts = placed.Replicas.Select(r => hosts[r.WorkerId]).ToList();
        if (placed.Replicas.Count == 1) return new GangPlacement(placed, replicaHosts, replicaHosts[0], 0);
        var port = freePort();
        // A port a live group of ours rendezvous at is taken even if the OS offers it again (rank 0 may not listen yet).
        for (var tries = 0; ports.ContainsValue(port) && tries < 32; tries++) port = freePort();
        if (ports.ContainsValue(port))
        {
            slots.Release(placed.TrialId);
            throw new InvalidOperationException($"GangPlanner: expected a rendezvous port no live group holds, got {port} again after 32 tries");
        }
        ports[placed.TrialId] = port;
        return new GangPlacement(placed, replicaHosts, replicaHosts[0], port);
    }
}
