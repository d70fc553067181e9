namespace Troupe.Training.Learning;

/// <summary>What one <see cref="FitRun.Step"/> did.</summary>
public enum StepKind
{
    /// <summary>Trained on one batch (or a callback cancelled it).</summary>
    TrainBatch,

    /// <summary>Validated one batch.</summary>
    ValidBatch,

    /// <summary>Finished an epoch (after_epoch ran): an epoch boundary, where checkpoints are taken.</summary>
    EpochEnd,

    /// <summary>The fit is over (after_fit ran).</summary>
    Finished,
}
