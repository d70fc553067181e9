namespace Troupe.Training.Tuning;

/// <summary>What a <see cref="TrialScheduler"/> tells the coordinator after a result (Ray Tune's CONTINUE/PAUSE/STOP).</summary>
public enum TrialDecision
{
    /// <summary>Keep training.</summary>
    Continue,

    /// <summary>Checkpoint, free the slot and put the trial back as paused (it may be chosen to run again).</summary>
    Pause,

    /// <summary>Stop the trial early; it is done.</summary>
    Stop,
}
