using Akka.Actor;
using Troupe.Node.Transfer;
using Troupe.Training.Tuning;

namespace Troupe.Worker.Protocol;

// The messages between the coordinator, a worker agent and its model actors. They cross a node boundary once
// workers run in their own processes, so they hold only plain values, actor refs and checkpoint offers (stream refs of
// byte chunks); each maps to a message of src/Shared/Protocol's .proto when the cluster layer carries them. Every report names its attempt with
// a FencingToken; the coordinator acts only on reports from the live attempt.

/// <summary>
/// Coordinator → worker agent: train <see cref="Trial"/> as attempt <see cref="Fence"/>, from <see cref="Checkpoint"/>
/// (LearnerCheckpoint bytes, offered as a stream; one offer per replica, each subscribable once) when given; report to
/// <see cref="ReportTo"/>.
/// </summary>
public sealed record StartTrial(FencingToken Fence, TrialAssignment Trial, BlobOffer? Checkpoint, IActorRef ReportTo);

/// <summary>Worker agent → coordinator: attempt <see cref="Fence"/> runs in <see cref="ModelActor"/> on <see cref="WorkerId"/> (watch it).</summary>
public sealed record TrialStarted(FencingToken Fence, string WorkerId, IActorRef ModelActor);

/// <summary>Coordinator → model actor: stop training after the current batch (early stop, pause, or a given-up attempt).</summary>
public sealed record StopTrial(FencingToken Fence, string Reason);


/// <summary>Model actor → coordinator, throttled: batch <see cref="Iter"/> of <see cref="BatchCount"/> in epoch <see cref="Epoch"/>.</summary>
public sealed record TrialProgress(FencingToken Fence, int Epoch, int Iter, int BatchCount, bool Training, double? Loss);

/// <summary>
/// Model actor → coordinator at every epoch boundary: the epoch's metrics and the checkpoint taken right after it
/// (LearnerCheckpoint bytes offered as a stream the coordinator pulls to disk; a resumed attempt starts at epoch
/// <c>Metrics.Epoch + 1</c>). One message, so the coordinator journals both or neither.
/// </summary>
public sealed record EpochCompleted(FencingToken Fence, EpochMetrics Metrics, BlobOffer Checkpoint);

/// <summary>Model actor → coordinator: the attempt failed (the actor stops right after, so a Terminated follows).</summary>
public sealed record TrialFailed(FencingToken Fence, string WorkerId, string Reason);

/// <summary>
/// Replica model actor (rank ≥ 1 of a data-parallel group) → coordinator: its fit ended normally and it stops now, so
/// the Terminated that follows is no failure. Rank 0's last <see cref="EpochCompleted"/> ends the attempt.
/// </summary>
public sealed record ReplicaFinished(FencingToken Fence, int Rank, string WorkerId);
