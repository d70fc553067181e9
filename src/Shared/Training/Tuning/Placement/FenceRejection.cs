namespace Troupe.Training.Tuning;

/// <summary>Why <see cref="AttemptTracker.Check"/> refused a report.</summary>
public enum FenceRejection
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>No attempt of this trial was ever begun.</summary>
    UnknownTrial,

    /// <summary>The report comes from an earlier attempt, superseded by a newer one.</summary>
    StaleAttempt,

    /// <summary>The report comes from the current attempt, which has already ended (completed, stopped, failed or given up).</summary>
    AttemptEnded,

    /// <summary>The report names an attempt newer than any begun: not from this coordinator.</summary>
    FutureAttempt,
}
