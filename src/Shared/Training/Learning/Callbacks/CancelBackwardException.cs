namespace Troupe.Training.Learning;

/// <summary>fastai's <c>CancelBackwardException</c>: Skips the backward pass of the current batch (after_cancel_backward, after_backward).</summary>
internal sealed class CancelBackwardException() : CancelException(LearnerStage.Backward);
