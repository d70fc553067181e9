namespace Troupe.Actors;

/// <summary>Sent to an actor that received nothing for its receive timeout (<see cref="IActorContext.SetReceiveTimeout"/>).</summary>
public sealed class ReceiveTimeout : IPossiblyHarmful
{
    public static readonly ReceiveTimeout Instance = new();
    private ReceiveTimeout() { }
    public override string ToString() => "ReceiveTimeout";
}
