using Troupe.Actors;

namespace Troupe.Cluster.Remote.Actors;

/// <summary>
/// A ref to an actor in another actor system. <see cref="Tell"/> serializes the message and queues it on the
/// one association to that node; system messages (watch, unwatch, death notifications, stop) travel the same
/// way. Equal to any other ref with the same path and uid.
/// </summary>
public sealed class RemoteActorRef : ActorRefBase
{
    private readonly RemoteActorRefProvider _provider;
    private string? _wirePath;

    internal RemoteActorRef(RemoteActorRefProvider provider, ActorPath path)
    {
        _provider = provider;
        Path = path;
    }

    public override ActorPath Path { get; }

    public override IActorRefProvider Provider => _provider;

    public override bool IsLocal => false;

    /// <summary>The path as it travels: full address and uid.</summary>
    internal string WirePath => _wirePath ??= Path.ToSerializationFormat();

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _provider.Send(message, sender, this);
    }

    public override void SendSystemMessage(ISystemMessage message) => _provider.SendSystem(message, this);

    public override void Stop() => _provider.SendStop(this);
}
