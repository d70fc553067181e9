using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Scheduling;

// Coordinator ↔ trial scheduler child (in process).

/// <summary>Scheduler → coordinator once built: the experiment's trials, in generation order.</summary>
internal sealed record TrialsGenerated(IReadOnlyList<TrialConfig> Trials);

/// <summary>Which of <see cref="Candidates"/> gets the next free slot? Answered by <see cref="NextChosen"/>.</summary>
internal sealed record ChooseNext(IReadOnlyList<TrialCandidate> Candidates);

internal sealed record NextChosen(string? TrialId);

/// <summary>A result of attempt <see cref="Fence"/> at <see cref="Time"/> (1-based epoch); <see cref="Final"/> for the last epoch. Answered by <see cref="ResultScored"/>.</summary>
internal sealed record ScoreResult(FencingToken Fence, int Time, IReadOnlyDictionary<string, double> Values, bool Final);

/// <summary>The scheduler's decision (Continue for a final result) and its state in one line.</summary>
internal sealed record ResultScored(FencingToken Fence, int Time, TrialDecision Decision, string Scheduler);

/// <summary>An attempt of the trial failed (it may be retried from its checkpoint).</summary>
internal sealed record TrialErrored(string TrialId);

/// <summary>The trial leaves the scheduler: stopped early or given up.</summary>
internal sealed record TrialRemoved(string TrialId);
