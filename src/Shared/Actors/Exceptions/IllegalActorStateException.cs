namespace Troupe.Actors;

/// <summary>An actor API was used where it is not allowed (Stash outside message handling, Receive outside configuration, ...).</summary>
public sealed class IllegalActorStateException : InvalidOperationException
{
    public IllegalActorStateException(string message) : base(message) { }
}
