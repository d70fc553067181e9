namespace Troupe.Training.Learning;

/// <summary>fastai's <c>CancelValidException</c>: Skips the rest of the validation phase (after_cancel_validate, after_validate).</summary>
internal sealed class CancelValidException() : CancelException(LearnerStage.Validate);
