namespace Troupe.Actors;

/// <summary>
/// The sender used by the one-argument <c>Tell</c> outside actors, flowing with the async context
/// (so it survives awaits). Inside an actor the actor itself is always the implicit sender.
/// </summary>
public static class ImplicitSender
{
    private static readonly AsyncLocal<IActorRef?> ambient = new();

    public static IActorRef? Current => ambient.Value;

    /// <summary>Sets the implicit sender for the current async flow (and the flows it starts) until disposed.</summary>
    public static IDisposable Use(IActorRef? sender)
    {
        var previous = ambient.Value;
        ambient.Value = sender;
        return new Restore(previous);
    }

    internal static IActorRef? Resolve() => ActorCell.Current is { } cell ? cell.Self : ambient.Value;

    private sealed class Restore(IActorRef? previous) : IDisposable
    {
        public void Dispose() => ambient.Value = previous;
    }
}
