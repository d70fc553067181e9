using Troupe.Actors;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Placement;

// Coordinator ↔ placement child (in process).

/// <summary>Worker <see cref="WorkerId"/> offers <see cref="Slots"/> slots of <see cref="Device"/> through <see cref="Agent"/> (again: a new count).</summary>
internal sealed record AdvertiseWorker(string WorkerId, int Slots, IActorRef Agent, DeviceKind Device = DeviceKind.Cpu);

/// <summary>Reserve a whole gang for the trial (see <see cref="GangPlanner"/>); answered by <see cref="SlotsReserved"/> or <see cref="PlacementRefused"/>.</summary>
internal sealed record PlaceTrial(string TrialId);

/// <summary>The trial's replicas run where <see cref="Gang"/> says; <see cref="Agents"/> are their workers' agents, by rank.</summary>
internal sealed record SlotsReserved(string TrialId, GangPlacement Gang, IReadOnlyList<IActorRef> Agents)
{
    /// <summary>Rank 0's worker (the attempt's worker in the journal and the results).</summary>
    public string WorkerId => Gang.Placement.Replicas[0].WorkerId;
}

/// <summary>Nothing reserved: see <see cref="GangDecision"/> for the fields.</summary>
internal sealed record PlacementRefused(string TrialId, int Wanted, bool CanEverFit, DateTime? RetryAt, int FreeSlots, int TotalSlots, bool DeviceOffered = true);

/// <summary>Frees the trial's slots; <see cref="Failed"/> when its attempt failed (an elastic trial may then shrink at once).</summary>
internal sealed record ReleaseTrial(string TrialId, bool Failed = false);

/// <summary>Forget the worker; answered by <see cref="WorkerRemoved"/> with the trials that had slots there.</summary>
internal sealed record RemoveWorker(string WorkerId);

internal sealed record WorkerRemoved(string WorkerId, IReadOnlyList<string> Evicted);
