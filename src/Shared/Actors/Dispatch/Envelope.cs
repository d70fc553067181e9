namespace Troupe.Actors;

/// <summary>A user message with its sender (null: no sender). A struct: queues store it inline.</summary>
internal readonly struct Envelope(object message, IActorRef? sender)
{
    public readonly object Message = message;
    public readonly IActorRef? Sender = sender;
}
