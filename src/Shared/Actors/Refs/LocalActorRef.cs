namespace Troupe.Actors;

/// <summary>A ref to an actor in this process: <see cref="Tell"/> is one enqueue into its mailbox.</summary>
public sealed class LocalActorRef : ActorRefBase
{
    private readonly ActorPath path;

    internal LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        this.path = path;
    }

    internal ActorCell Cell { get; }

    public override ActorPath Path => path;

    public override IActorRefProvider Provider => Cell.System.Provider;

    public override bool IsTerminated => Cell.Mailbox.IsClosed;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null) throw new ArgumentNullException(nameof(message), $"expected a message for {path}, got null");
        Cell.Mailbox.Post(message, sender);
    }

    public override void SendSystemMessage(ISystemMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.PostSystem(message);
    }

    public override void Stop() => Cell.Mailbox.PostSystem(Terminate.Instance);

    internal IInternalActorRef? GetChild(string name) => Cell.GetChild(name);
}
