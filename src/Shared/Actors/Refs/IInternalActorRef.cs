namespace Troupe.Actors;

/// <summary>
/// What the runtime needs from a ref beyond <see cref="IActorRef.Tell"/>: system messages (death
/// watch), stop, and whether it is local. Every ref the runtime hands out implements it; a transport's
/// remote ref implements it too (through <see cref="ActorRefBase"/>), forwarding <see cref="Watch"/>,
/// <see cref="Unwatch"/> and <see cref="DeathWatchNotification"/> over the wire.
/// </summary>
public interface IInternalActorRef : IActorRef
{
    /// <summary>The provider that made this ref.</summary>
    IActorRefProvider Provider { get; }

    /// <summary>True when the actor lives in this process.</summary>
    bool IsLocal { get; }

    /// <summary>True once the actor is known to be dead (always false for refs that cannot know).</summary>
    bool IsTerminated { get; }

    /// <summary>Delivers a system message ahead of user messages. Never throws for a dead target.</summary>
    void SendSystemMessage(ISystemMessage message);

    /// <summary>Asks the actor to stop after the message it is processing (like <c>Context.Stop</c>).</summary>
    void Stop();
}
