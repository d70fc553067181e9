namespace Troupe.Actors;

/// <summary>An actor name is malformed or already taken by a live (or still stopping) sibling.</summary>
public sealed class InvalidActorNameException : ArgumentException
{
    public InvalidActorNameException(string message) : base(message) { }
}
