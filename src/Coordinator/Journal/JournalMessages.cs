using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Scheduling;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Journal;

// Coordinator ↔ journal writer (in process). Each write is answered once committed; the coordinator acts only then.

/// <summary>Record the experiment (or its resume, closing <see cref="Interrupted"/> attempts); answered by <see cref="ExperimentBegun"/>.</summary>
internal sealed record BeginExperiment(IReadOnlyList<TrialConfig> Trials, IReadOnlyList<FencingToken> Interrupted);

internal sealed record ExperimentBegun;

/// <summary>
/// Record a new attempt (with its data-parallel group: <see cref="Replicas"/> by rank and the rendezvous, when it has
/// one); answered by <see cref="AttemptJournaled"/> with the path of the checkpoint it starts from (null: from scratch).
/// </summary>
internal sealed record JournalAttemptStart(FencingToken Fence, string WorkerId, int StartEpoch, IReadOnlyList<GroupReplica>? Replicas = null, string? Rendezvous = null);

internal sealed record AttemptJournaled(FencingToken Fence, string? CheckpointPath);

/// <summary>
/// Record an accepted epoch with its checkpoint (the received file, moved into place), the scheduler events it caused
/// and the decision taken; answered by <see cref="EpochJournaled"/>.
/// </summary>
internal sealed record JournalEpoch(FencingToken Fence, EpochMetrics Metrics, string ReceivedCheckpoint, double? Metric, bool IsBest, TrialDecision Decision, bool Final, TrialStatus Status,
    IReadOnlyList<SchedulerEvent> Events);

internal sealed record EpochJournaled(FencingToken Fence, int Epoch);

/// <summary>Record an attempt that ended without completing, with the scheduler events it caused; answered by <see cref="AttemptEndJournaled"/>.</summary>
internal sealed record JournalAttemptEnd(FencingToken Fence, string Outcome, string? Reason, TrialStatus Status, IReadOnlyList<SchedulerEvent> Events);

internal sealed record AttemptEndJournaled(FencingToken Fence);

/// <summary>Record an event that changes no state (not answered).</summary>
internal sealed record JournalNote(string Kind, FencingToken? Fence, string? Detail);

/// <summary>
/// Record the end of the experiment; answered by <see cref="ExperimentFinishJournaled"/>. With <see cref="Best"/> (the best
/// trial of a finished sweep), its artifacts are written first (<c>RUN_DIR/best/</c>, see <c>TrialArtifacts</c>).
/// </summary>
internal sealed record JournalFinish(string State, TrialConfig? Best = null);

internal sealed record ExperimentFinishJournaled;
