namespace Troupe.Actors;

/// <summary>Thrown when an actor's constructor, PreStart or PostRestart fails. The default supervisor strategy stops such an actor (Akka semantics): a restart would most likely fail again.</summary>
public class ActorInitializationException : Exception
{
    public ActorInitializationException(IActorRef? actor, string message, Exception? cause)
        : base(actor is null ? message : $"{actor.Path}: {message}", cause)
    {
        Actor = actor;
    }

    /// <summary>The actor that failed to initialize.</summary>
    public IActorRef? Actor { get; }
}
