namespace Troupe.Training.Learning;

/// <summary>fastai's <c>CancelBatchException</c>: Skips the rest of the current batch (after_cancel_batch, after_batch).</summary>
internal sealed class CancelBatchException() : CancelException(LearnerStage.Batch);
