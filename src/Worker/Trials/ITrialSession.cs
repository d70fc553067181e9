using Troupe.Training.Learning;

namespace Troupe.Worker.Trials;

/// <summary>
/// One attempt of one trial as its model actor drives it: <see cref="Step"/> advances one batch, one epoch end or the
/// end of the fit (the Learner's <see cref="FitRun"/> semantics); <see cref="Checkpoint"/> at an epoch boundary gives
/// bytes a later attempt starts from. Not thread-safe: only its actor calls it.
/// </summary>
internal interface ITrialSession : IDisposable
{
    /// <summary>The first epoch this attempt trains (0, or the checkpoint's epoch).</summary>
    int StartEpoch { get; }

    StepResult Step();

    /// <summary>The state at the current epoch boundary, as bytes.</summary>
    byte[] Checkpoint();

    /// <summary>A data-parallel replica's group throughput of the last epoch (the same on every rank); null for a trial trained alone.</summary>
    DataParallelEpoch? GroupEpoch => null;
}
