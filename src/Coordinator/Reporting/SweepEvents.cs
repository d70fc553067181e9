using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Reporting;

// What happens in a sweep, as the coordinator tells its metrics aggregator (which logs and records it) and any
// subscriber (a live view, a test). Immutable; times are the coordinator's.

/// <summary>Anything worth a log line.</summary>
public abstract record SweepEvent;

/// <summary>The sweep starts or resumes with <see cref="Trials"/> trials, <see cref="Done"/> of them already finished.</summary>
internal sealed record SweepStarted(string Name, int Trials, int Done, bool Resumed, string RunDirectory, string Scheduler) : SweepEvent;

public sealed record WorkerJoined(string WorkerId, int Slots) : SweepEvent;

/// <summary>A worker's agent died; <see cref="Evicted"/> trials had slots there.</summary>
internal sealed record WorkerLost(string WorkerId, IReadOnlyList<string> Evicted) : SweepEvent;

public sealed record TrialPlaced(FencingToken Fence, string WorkerId, int StartEpoch, string Params) : SweepEvent;

/// <summary>
/// The first batch of an attempt that started from a checkpoint (a retry after a failure or a lost worker, or a
/// resumed sweep) was reported: it trains again from epoch <see cref="Epoch"/> on <see cref="WorkerId"/>.
/// </summary>
internal sealed record TrialResumed(FencingToken Fence, string WorkerId, int Epoch) : SweepEvent;

/// <summary>An accepted epoch report (one fastai row).</summary>
internal sealed record EpochReported(FencingToken Fence, EpochMetrics Metrics, bool IsBest) : SweepEvent;

/// <summary>The scheduler stopped the trial after <see cref="Epochs"/> epochs.</summary>
internal sealed record TrialStoppedEarly(FencingToken Fence, int Epochs, double? Metric, string Scheduler) : SweepEvent;

/// <summary>The scheduler paused the trial after <see cref="Epochs"/> epochs; it waits for a slot again.</summary>
internal sealed record TrialPaused(FencingToken Fence, int Epochs) : SweepEvent;

public sealed record TrialCompleted(FencingToken Fence, int Epochs, double? Metric) : SweepEvent;

/// <summary>An attempt failed; retried from epoch <see cref="ResumeEpoch"/> when <see cref="Retrying"/>, else the trial failed.</summary>
internal sealed record TrialAttemptFailed(FencingToken Fence, string Reason, bool Retrying, int RetriesLeft, int ResumeEpoch) : SweepEvent;

/// <summary>A report from an attempt that is not the live one was ignored.</summary>
internal sealed record StaleReportIgnored(FencingToken Fence, string Report, string Why) : SweepEvent;

/// <summary>Trials no worker can ever hold; <see cref="MissingDevice"/> set when no worker offers slots of the kind the trial asks for.</summary>
internal sealed record PlacementBlocked(string TrialId, int SlotsNeeded, int TotalSlots, DeviceKind? MissingDevice = null) : SweepEvent;

/// <summary>Every few seconds: trials done, running and waiting, and epochs left at most.</summary>
internal sealed record SweepProgress(int Done, int Running, int Pending, int RemainingEpochs) : SweepEvent;

/// <summary>Batch progress of a running attempt (throttled by the model actor; only subscribers see it).</summary>
internal sealed record TrialBatchProgress(TrialProgress Progress) : SweepEvent;

public sealed record SweepFinished(SweepSummary Summary) : SweepEvent;
