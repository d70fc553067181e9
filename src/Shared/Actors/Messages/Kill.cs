namespace Troupe.Actors;

/// <summary>A user message: the actor throws <see cref="ActorKilledException"/> when it reaches it, so its supervisor decides (default: stop).</summary>
public sealed class Kill : IAutoReceivedMessage
{
    public static readonly Kill Instance = new();
    private Kill() { }
    public override string ToString() => "Kill";
}
