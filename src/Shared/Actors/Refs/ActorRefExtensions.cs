namespace Troupe.Actors;

/// <summary>Tell with an implicit sender, and Forward.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Tells with the implicit sender: the actor whose message is being processed on this thread, else
    /// <see cref="ImplicitSender.Current"/> (the TestKit sets its test actor there), else no sender.
    /// </summary>
    public static void Tell(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ImplicitSender.Resolve());
    }

    /// <summary>Tells keeping the original sender of the message being processed (inside an actor).</summary>
    public static void Forward(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.CurrentSender ?? ImplicitSender.Resolve());
    }

    /// <summary>Tells every actor of the selection with the implicit sender.</summary>
    public static void Tell(this ActorSelection selection, object message)
    {
        ArgumentNullException.ThrowIfNull(selection);
        selection.Tell(message, ImplicitSender.Resolve());
    }
}
