namespace Troupe.Training.Tuning;

/// <summary>What to do with a trial whose attempt failed.</summary>
public enum RetryDecision
{
    /// <summary>Requeue it; it restarts from its last checkpoint.</summary>
    Retry,

    /// <summary>Its retries are spent: mark it failed.</summary>
    GiveUp,
}
