namespace Troupe.Training.Tuning;

/// <summary>
/// The coordinator's book of worker slots, as a pure state class. Workers advertise slots; a trial takes slots only
/// as a whole gang (<see cref="TryPlace"/> reserves every replica's slots or none, so no partial group ever holds
/// slots while it waits); replicas spread over workers (each goes to the worker with the most free slots, ties to the
/// earliest advertised); completion or failure releases them; losing a worker evicts every trial with a replica
/// there, releasing that trial's slots on the other workers too, and hands the evictions back for requeueing.
/// </summary>
public sealed class SlotPlacement
{
    private readonly List<Worker> workers = [];
    private readonly Dictionary<string, TrialPlacement> placements = new(StringComparer.Ordinal);

    /// <summary>Workers in advertising order.</summary>
    public IReadOnlyList<string> Workers => [.. workers.Select(w => w.Id)];

    public IReadOnlyDictionary<string, TrialPlacement> Placements => placements;

    public int TotalSlots => workers.Sum(w => w.Slots);

    public int FreeSlots => workers.Sum(w => w.Free);

    /// <exception cref="KeyNotFoundException">Unknown worker.</exception>
    public int FreeOn(string workerId) => Find(workerId).Free;

    /// <summary>The device kinds the workers offer slots of (to tell a trial that can never be placed why).</summary>
    public IReadOnlySet<DeviceKind> DevicesOffered => workers.Where(w => w.Slots > 0).Select(w => w.Device).ToHashSet();

    /// <summary>
    /// Adds a worker with <paramref name="slots"/> slots of <paramref name="device"/>'s kind, or changes an advertised
    /// count or kind. A count below what is in use keeps the running trials and frees nothing until enough of them end.
    /// </summary>
    public void AdvertiseWorker(string workerId, int slots, DeviceKind device = DeviceKind.Cpu)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        var existing = workers.Find(w => w.Id == workerId);
        if (existing is null) workers.Add(new Worker(workerId) { Slots = slots, Device = device });
        else (existing.Slots, existing.Device) = (slots, device);
    }

    /// <summary>
    /// Forgets a worker; returns the trials that had a replica on it (now released everywhere), in placement order,
    /// for the coordinator to requeue. Unknown workers return nothing.
    /// </summary>
    public IReadOnlyList<TrialPlacement> RemoveWorker(string workerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var worker = workers.Find(w => w.Id == workerId);
        if (worker is null) return [];
        var evicted = placements.Values.Where(p => p.Uses(workerId)).ToList();
        foreach (var p in evicted) Release(p.TrialId);
        workers.Remove(worker);
        return evicted;
    }

    /// <summary>Whether <paramref name="request"/> fits in the free slots now (nothing is reserved).</summary>
    public bool Fits(PlacementRequest request) => Assign(request, w => w.Free) is not null;

    /// <summary>Whether <paramref name="request"/> would fit in the cluster as it is if every slot were free.</summary>
    public bool CanEverFit(PlacementRequest request) => Assign(request, w => w.Slots) is not null;

    /// <summary>Reserves slots for every replica of <paramref name="request"/> and returns where they are, or null (reserving nothing).</summary>
    /// <exception cref="InvalidOperationException">The trial is already placed.</exception>
    public TrialPlacement? TryPlace(PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (placements.ContainsKey(request.TrialId))
            throw new InvalidOperationException($"SlotPlacement: expected an unplaced trial, got '{request.TrialId}', already at {placements[request.TrialId]}");
        var assignment = Assign(request, w => w.Free);
        if (assignment is null) return null;
        var replicas = new ReplicaSlot[assignment.Count];
        for (var rank = 0; rank < assignment.Count; rank++)
        {
            assignment[rank].Used += request.SlotsPerReplica;
            replicas[rank] = new ReplicaSlot(rank, assignment[rank].Id, request.SlotsPerReplica);
        }
        var placement = new TrialPlacement(request.TrialId, replicas);
        placements.Add(request.TrialId, placement);
        return placement;
    }

    /// <summary>
    /// Keeps <paramref name="slots"/> of <paramref name="workerId"/> taken under <paramref name="holdId"/> (a placement
    /// of one replica, freed by <see cref="Release"/> of that id or by the worker's removal), even beyond the worker's
    /// free slots: an ended attempt's replica still running there uses them whatever the book says.
    /// </summary>
    /// <exception cref="KeyNotFoundException">Unknown worker.</exception>
    /// <exception cref="InvalidOperationException">The id is already placed.</exception>
    public void Hold(string holdId, string workerId, int slots)
    {
        ArgumentException.ThrowIfNullOrEmpty(holdId);
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        var worker = Find(workerId);
        if (placements.ContainsKey(holdId))
            throw new InvalidOperationException($"SlotPlacement: expected a new hold id, got '{holdId}', already at {placements[holdId]}");
        worker.Used += slots;
        placements.Add(holdId, new TrialPlacement(holdId, [new ReplicaSlot(0, workerId, slots)]));
    }

    /// <summary>Frees the slots of a finished, failed or stopped trial (or of a <see cref="Hold"/>); false when it was not placed.</summary>
    public bool Release(string trialId)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialId);
        if (!placements.Remove(trialId, out var placement)) return false;
        foreach (var replica in placement.Replicas)
        {
            var worker = workers.Find(w => w.Id == replica.WorkerId);
            if (worker is not null) worker.Used -= replica.Slots;
        }
        return true;
    }

    // Greedy spread: each replica to the worker with the most capacity left. With equal-sized replicas this places
    // the gang whenever the sum of floor(capacity / size) allows it, so greedy never refuses a feasible gang.
    private List<Worker>? Assign(PlacementRequest request, Func<Worker, int> capacity)
    {
        ArgumentNullException.ThrowIfNull(request);
        var left = workers.ToDictionary(w => w, capacity);
        var chosen = new List<Worker>(request.Replicas);
        for (var r = 0; r < request.Replicas; r++)
        {
            Worker? best = null;
            foreach (var w in workers)
                if (w.Device == request.Device && left[w] >= request.SlotsPerReplica && (best is null || left[w] > left[best])) best = w;
            if (best is null) return null;
            left[best] -= request.SlotsPerReplica;
            chosen.Add(best);
        }
        return chosen;
    }

    private Worker Find(string workerId) =>
        workers.Find(w => w.Id == workerId) ?? throw new KeyNotFoundException($"SlotPlacement: expected one of [{string.Join(", ", Workers)}], got worker '{workerId}'");

    private sealed class Worker(string id)
    {
        public string Id { get; } = id;

        public int Slots { get; set; }

        public int Used { get; set; }

        public DeviceKind Device { get; set; }

        public int Free => Math.Max(0, Slots - Used);
    }
}
