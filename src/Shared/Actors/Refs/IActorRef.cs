namespace Troupe.Actors;

/// <summary>
/// An immutable handle to an actor, local or remote: the only way to talk to it. Refs are equal when
/// their paths and uids are equal (<see cref="ActorRefBase"/>), so a ref to a restarted actor stays the
/// same ref, and a ref to a new actor under an old name is a different one. A null sender means
/// "no sender": replies then go to dead letters.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>, IComparable<IActorRef>
{
    ActorPath Path { get; }

    /// <summary>Enqueues <paramref name="message"/> (never null) and returns at once. Local and remote refs take the same call.</summary>
    void Tell(object message, IActorRef? sender);
}
