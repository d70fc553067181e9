namespace Troupe.Actors;

/// <summary>
/// An actor's view of itself and the runtime. Use it only from inside the actor (its constructor,
/// hooks, handlers and <c>ReceiveAsync</c> continuations); it is not thread-safe.
/// </summary>
public interface IActorContext : IActorRefFactory
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed; dead letters when it had none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    Props Props { get; }

    ActorSystem System { get; }

    /// <summary>Live children (including ones being stopped).</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>The child named <paramref name="name"/>, or <see cref="Nobody.Instance"/>.</summary>
    IActorRef Child(string name);

    /// <summary>Stops a child (or any local actor) after its current message: children first, then PostStop.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers one <see cref="Terminated"/> when <paramref name="subject"/> dies (also if it is already dead).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/>, delivering <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Cancels a watch; a <see cref="Terminated"/> already queued is dropped.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive behavior);

    /// <summary>Pushes a behaviour; <see cref="Unbecome"/> returns to the previous one.</summary>
    void BecomeStacked(Receive behavior);

    /// <summary>Pops the behaviour pushed last (the initial behaviour is never popped).</summary>
    void Unbecome();

    /// <summary>Stashes the message being processed.</summary>
    void Stash();

    /// <summary>Returns every stashed message, oldest first, to the front of the mailbox.</summary>
    void UnstashAll();

    /// <summary>Sends <see cref="ReceiveTimeout"/> after <paramref name="timeout"/> without messages; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    TimeSpan? ReceiveTimeout { get; }
}
