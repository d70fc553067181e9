namespace Troupe.Training.Tuning;

/// <summary>Where replica <see cref="Rank"/> of a trial runs: <see cref="Slots"/> slots on worker <see cref="WorkerId"/>.</summary>
public sealed record ReplicaSlot(int Rank, string WorkerId, int Slots);
