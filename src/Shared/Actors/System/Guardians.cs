namespace Troupe.Actors;

/// <summary><c>/user</c> and <c>/system</c>: parents of top-level actors, with no behaviour of their own.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected internal override bool Receive(object message) => false;

    // Restarting a guardian must not stop the top-level actors: keep the children.
    protected override void PreRestart(Exception reason, object? message) { }
}

/// <summary>
/// The root guardian: stops <c>/system</c> after <c>/user</c> terminated and itself after both, so
/// user actors stop before system actors and every PostStop runs before the system terminates.
/// </summary>
internal sealed class RootGuardianActor : ActorBase
{
    private IActorRef? user;
    private IActorRef? systemGuardian;

    /// <summary>Sent once by the system after creating both guardians.</summary>
    internal sealed record WatchGuardians(IActorRef User, IActorRef System);

    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case WatchGuardians w:
                user = Context.Watch(w.User);
                systemGuardian = Context.Watch(w.System);
                return true;
            case Terminated t:
                if (t.ActorRef.Equals(user)) user = null;
                if (t.ActorRef.Equals(systemGuardian)) systemGuardian = null;
                if (user is not null) Context.Stop(user);
                else if (systemGuardian is not null) Context.Stop(systemGuardian);
                else Context.Stop(Self);
                return true;
            default:
                return false;
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;
}
