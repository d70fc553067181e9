using Troupe.Actors;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Placement;

// Coordinator ↔ placement child (in process).

/// <summary>Worker <see cref="WorkerId"/> offers <see cref="Slots"/> slots through <see cref="Agent"/> (again: a new count).</summary>
internal sealed record AdvertiseWorker(string WorkerId, int Slots, IActorRef Agent);

/// <summary>Reserve slots for <see cref="Request"/>; answered by <see cref="SlotsReserved"/> or <see cref="PlacementRefused"/>.</summary>
internal sealed record PlaceTrial(PlacementRequest Request);

/// <summary>The trial's replica 0 runs on <see cref="WorkerId"/>, whose agent is <see cref="Agent"/>.</summary>
internal sealed record SlotsReserved(string TrialId, string WorkerId, IActorRef Agent);

/// <summary>No free slots now; <see cref="CanEverFit"/> false when no worker is large enough.</summary>
internal sealed record PlacementRefused(string TrialId, bool CanEverFit, int FreeSlots, int TotalSlots);

/// <summary>Frees the trial's slots.</summary>
internal sealed record ReleaseTrial(string TrialId);

/// <summary>Forget the worker; answered by <see cref="WorkerRemoved"/> with the trials that had slots there.</summary>
internal sealed record RemoveWorker(string WorkerId);

internal sealed record WorkerRemoved(string WorkerId, IReadOnlyList<string> Evicted);
