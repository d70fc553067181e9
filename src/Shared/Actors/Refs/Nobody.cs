namespace Troupe.Actors;

/// <summary>
/// The ref of no actor (what <see cref="IActorContext.Child"/> returns for a missing name). Messages
/// told to it are discarded by definition, as in Akka; use dead letters to observe lost messages.
/// </summary>
public sealed class Nobody : MinimalActorRef
{
    public static readonly Nobody Instance = new();
    private static readonly ActorPath NobodyPath = ActorPath.Root(Address.Local("all-systems")) / "Nobody";

    private Nobody() { }

    public override ActorPath Path => NobodyPath;

    public override IActorRefProvider Provider =>
        throw new InvalidOperationException("expected a ref that belongs to a system, got Nobody");

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender) => ArgumentNullException.ThrowIfNull(message);

    public override string ToString() => "Nobody";
}
