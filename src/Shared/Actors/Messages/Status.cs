namespace Troupe.Actors;

/// <summary>Conventional replies: an ask fails with <see cref="Failure.Cause"/> when it gets a <see cref="Failure"/>.</summary>
public static class Status
{
    /// <summary>A success with an optional payload.</summary>
    public sealed record Success(object? Result);

    /// <summary>A failure; <c>Ask</c> rethrows <paramref name="Cause"/>, <c>PipeTo</c> sends one for a faulted task.</summary>
    public sealed record Failure(Exception Cause, object? State = null);
}
