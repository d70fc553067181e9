namespace Troupe.Training.Tuning;

/// <summary>
/// The life of a trial, as Ray Tune's Trial.status with the terminal states told apart:
/// Pending → Running → (Paused → Running)* → Completed | Stopped (early, by the scheduler) | Failed (retries spent).
/// </summary>
public enum TrialStatus
{
    Pending,
    Running,
    Paused,
    Completed,
    Stopped,
    Failed,
}
