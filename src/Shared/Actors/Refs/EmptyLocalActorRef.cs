namespace Troupe.Actors;

/// <summary>What a path resolves to when no actor lives there: messages become dead letters addressed to it, a watch gets Terminated at once.</summary>
internal sealed class EmptyLocalActorRef(ActorSystem system, ActorPath path) : MinimalActorRef
{
    public override ActorPath Path => path;

    public override IActorRefProvider Provider => system.Provider;

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case Identify identify:
                sender?.Tell(new ActorIdentity(identify.MessageId, null), system.DeadLetters);
                break;
            case DeadLetter letter:
                system.DeadLetters.Tell(letter, sender);
                break;
            default:
                system.DeadLetters.Tell(new DeadLetter(message, sender ?? system.DeadLetters, this), sender);
                break;
        }
    }
}
