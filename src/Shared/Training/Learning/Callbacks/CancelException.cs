namespace Troupe.Training.Learning;

/// <summary>
/// fastai's control-flow exceptions: a callback throws one to skip the rest of a stage. The Learner catches
/// it at the stage it names, runs <c>after_cancel_*</c> then <c>after_*</c> for that stage, and goes on with
/// what follows the stage; stages nested inside are left without their <c>after_*</c> events, as in fastai.
/// </summary>
internal abstract class CancelException : Exception
{
    private protected CancelException(LearnerStage stage) : base($"cancel {stage}") => Stage = stage;

    /// <summary>The stage this cancels.</summary>
    public LearnerStage Stage { get; }
}
