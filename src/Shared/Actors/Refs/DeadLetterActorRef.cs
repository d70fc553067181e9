using Microsoft.Extensions.Logging;

namespace Troupe.Actors;

/// <summary>
/// <c>/deadLetters</c>: every undeliverable message ends here. It is counted, published as
/// <see cref="DeadLetter"/> on the event stream and logged (the first
/// <see cref="ActorSystemSettings.LogDeadLetters"/>, then one line saying logging stopped).
/// An <see cref="Identify"/> is answered with an empty <see cref="ActorIdentity"/>.
/// </summary>
public sealed class DeadLetterActorRef : MinimalActorRef
{
    private readonly ActorSystem system;
    private readonly ActorPath path;
    private long count;

    internal DeadLetterActorRef(ActorSystem system, ActorPath path)
    {
        this.system = system;
        this.path = path;
    }

    public override ActorPath Path => path;

    public override IActorRefProvider Provider => system.Provider;

    /// <summary>Dead letters so far.</summary>
    public long Count => Interlocked.Read(ref count);

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case Identify identify:
                sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
                return;
            case DeadLetter letter:
                Publish(letter);
                return;
            default:
                Publish(new DeadLetter(message, sender ?? this, this));
                return;
        }
    }

    private void Publish(DeadLetter letter)
    {
        var n = Interlocked.Increment(ref count);
        system.EventStream.Publish(letter);
        var max = system.Settings.LogDeadLetters;
        if (n > max || (system.IsTerminating && !system.Settings.LogDeadLettersDuringShutdown)) return;
        using (system.Log.BeginScope(new ActorScope(letter.Recipient.Path)))
        {
            system.Log.LogInformation("Dead letter {Count}: {MessageType} from {Sender} to {Recipient} was not delivered",
                n, letter.Message.GetType().Name, letter.Sender, letter.Recipient);
            if (n == max)
                system.Log.LogInformation("Logged {Max} dead letters; no more will be logged (ActorSystemSettings.LogDeadLetters)", max);
        }
    }
}
