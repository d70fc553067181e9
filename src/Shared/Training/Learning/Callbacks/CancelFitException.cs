namespace Troupe.Training.Learning;

/// <summary>fastai's <c>CancelFitException</c>: Stops the whole fit (after_cancel_fit, after_fit).</summary>
internal sealed class CancelFitException() : CancelException(LearnerStage.Fit);
