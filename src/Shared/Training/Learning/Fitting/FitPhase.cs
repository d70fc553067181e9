namespace Troupe.Training.Learning;

/// <summary>
/// One fit of a <see cref="PhasedFit"/>: first <c>freeze_to(FreezeTo)</c> (fastai's semantics: negative counts layer
/// groups from the end, 0 unfreezes everything; null leaves the groups as they are), then <see cref="Plan"/>.
/// </summary>
public sealed record FitPhase(int? FreezeTo, FitPlan Plan);
