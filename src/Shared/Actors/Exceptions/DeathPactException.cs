namespace Troupe.Actors;

/// <summary>Raised when an actor receives a <see cref="Terminated"/> it does not handle: watching implies a death pact. The default strategy stops it.</summary>
public sealed class DeathPactException : Exception
{
    public DeathPactException(IActorRef deadActor)
        : base($"Monitored actor {deadActor.Path} terminated and its Terminated message was not handled")
    {
        DeadActor = deadActor;
    }

    public IActorRef DeadActor { get; }
}
