namespace Troupe.Training.Learning;

/// <summary>fastai's <c>CancelTrainException</c>: Skips the rest of the training phase; validation still runs (after_cancel_train, after_train).</summary>
internal sealed class CancelTrainException() : CancelException(LearnerStage.Train);
