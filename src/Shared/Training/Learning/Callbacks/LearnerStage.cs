namespace Troupe.Training.Learning;

/// <summary>The nested stages of a fit, outermost first; each has before_/after_/after_cancel_ events.</summary>
internal enum LearnerStage
{
    Fit,
    Epoch,
    Train,
    Validate,
    Batch,
    Backward,
    Step,
}
