using Microsoft.Extensions.Logging;

namespace Troupe.Actors;

/// <summary>
/// The parent of the root guardian: stops the root if it fails, and completes the system's
/// termination when the root is gone (after every other actor's PostStop).
/// </summary>
internal sealed class RootParentRef(ActorSystem system, ActorPath path) : MinimalActorRef
{
    public IInternalActorRef? Root { get; set; }

    public override ActorPath Path => path;

    public override IActorRefProvider Provider => system.Provider;

    public override void Tell(object message, IActorRef? sender) =>
        system.DeadLetters.Tell(new DeadLetter(message, sender ?? system.DeadLetters, this), sender);

    public override void SendSystemMessage(ISystemMessage message)
    {
        switch (message)
        {
            case Failed f:
                system.Log.LogCritical(f.Cause, "The root guardian failed: terminating the system");
                ((IInternalActorRef)f.Child).Stop();
                break;
            case DeathWatchNotification d when d.Actor.Equals(Root):
                system.FinishTermination();
                break;
            default:
                base.SendSystemMessage(message);
                break;
        }
    }
}
