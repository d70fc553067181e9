namespace Troupe.Training.Learning;

/// <summary>fastai's <c>CancelEpochException</c>: Skips the rest of the current epoch, validation included (after_cancel_epoch, after_epoch).</summary>
internal sealed class CancelEpochException() : CancelException(LearnerStage.Epoch);
