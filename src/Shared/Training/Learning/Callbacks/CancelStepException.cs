namespace Troupe.Training.Learning;

/// <summary>fastai's <c>CancelStepException</c>: Skips the optimizer step of the current batch (after_cancel_step, after_step).</summary>
internal sealed class CancelStepException() : CancelException(LearnerStage.Step);
