namespace Troupe.Actors;

/// <summary>An <see cref="ActorSelection"/> resolved to no actor.</summary>
public sealed class ActorNotFoundException : Exception
{
    public ActorNotFoundException(string message) : base(message) { }
}
