namespace Troupe.Actors;

/// <summary>
/// A ref without a mailbox (dead letters, ask promises, unknown paths). It cannot be watched in the
/// usual sense: a <see cref="Watch"/> is answered with a <see cref="DeathWatchNotification"/> unless
/// the ref overrides <see cref="SendSystemMessage"/>.
/// </summary>
public abstract class MinimalActorRef : ActorRefBase
{
    public override void SendSystemMessage(ISystemMessage message)
    {
        if (message is Watch w && w.Watchee.Equals(this) && !w.Watcher.Equals(this))
            ((IInternalActorRef)w.Watcher).SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false, AddressTerminated: false));
    }

    public override void Stop() { }
}
