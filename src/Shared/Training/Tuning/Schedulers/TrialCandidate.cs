namespace Troupe.Training.Tuning;

/// <summary>A trial waiting for a slot, as <see cref="TrialScheduler.ChooseTrialToRun"/> sees it: pending or paused.</summary>
public sealed record TrialCandidate(string TrialId, TrialStatus Status);
