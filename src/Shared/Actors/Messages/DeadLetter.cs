namespace Troupe.Actors;

/// <summary>
/// A message that could not be delivered: its recipient was dead, unknown, or its bounded mailbox
/// was full. Published on the <see cref="EventStream"/> (subscribe to <c>typeof(DeadLetter)</c>),
/// counted in <see cref="ActorSystem.DeadLetterCount"/> and logged (the first
/// <see cref="ActorSystemSettings.LogDeadLetters"/> of them).
/// </summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient)
{
    public override string ToString() =>
        $"DeadLetter {{ Message = {Message.GetType().Name} {Message}, Sender = {Sender}, Recipient = {Recipient} }}";
}
