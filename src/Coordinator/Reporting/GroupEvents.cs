using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting;

// Data-parallel sweep events (see SweepEvents.cs for the others).

/// <summary>Replica <see cref="Rank"/> of a group runs on <see cref="WorkerId"/>, reached at <see cref="Host"/>.</summary>
internal sealed record GroupReplica(int Rank, string WorkerId, string Host);

/// <summary>A data-parallel attempt's group formed: its replicas by rank and the rendezvous rank 0 serves.</summary>
internal sealed record GroupFormed(FencingToken Fence, IReadOnlyList<GroupReplica> Replicas, string RendezvousHost, int RendezvousPort) : SweepEvent;

/// <summary>One replica's training pass in one epoch: tokens/s and the share of its time spent in gradient allreduces.</summary>
internal sealed record ReplicaRate(int Rank, string WorkerId, double TokensPerSecond, double CommShare);

/// <summary>Every replica's throughput in epoch <see cref="Epoch"/> of a data-parallel attempt (the epoch's row is the group's).</summary>
internal sealed record ReplicaThroughputReported(FencingToken Fence, int Epoch, IReadOnlyList<ReplicaRate> Replicas, double GroupTokensPerSecond) : SweepEvent;

/// <summary>No set of workers in the cluster as it is can hold the trial's smallest usable gang; it waits for more workers.</summary>
internal sealed record GroupBlocked(string TrialId, int Replicas, int SlotsPerReplica, int TotalSlots) : SweepEvent;

/// <summary>
/// A replica reported that the group of <see cref="Fence"/> failed; the trial regroups once each of
/// <see cref="Suspects"/> (the old group's other workers) answered a probe or left the cluster, or after <see cref="Bound"/>.
/// </summary>
internal sealed record RegroupHeld(FencingToken Fence, IReadOnlyList<string> Suspects, TimeSpan Bound) : SweepEvent;
