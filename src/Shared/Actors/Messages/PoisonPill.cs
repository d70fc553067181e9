namespace Troupe.Actors;

/// <summary>A user message: the actor stops when it reaches it, after the messages queued before it.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();
    private PoisonPill() { }
    public override string ToString() => "PoisonPill";
}
