namespace Troupe.Actors;

internal sealed partial class ActorCell
{
    private Dictionary<IActorRef, object?>? watching;          // watched actor -> custom message (WatchWith) or null
    private HashSet<IActorRef>? watchedBy;
    private Dictionary<IActorRef, object?>? terminatedQueued;  // Terminated enqueued, not yet processed
    private bool subscribedToAddressTerminated;

    public IActorRef Watch(IActorRef subject) => WatchCore(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchCore(subject, message);
    }

    private IActorRef WatchCore(IActorRef subject, object? message)
    {
        var target = AsInternal(subject);
        if (target.Equals(Self)) return subject;
        watching ??= new Dictionary<IActorRef, object?>();
        if (watching.TryGetValue(subject, out var existing))
        {
            if (!Equals(existing, message))
                throw new IllegalActorStateException($"expected {subject.Path} to be watched with the same message again, got {message ?? "Terminated"} after {existing ?? "Terminated"}; Unwatch first");
            return subject;
        }
        watching[subject] = message;
        MaintainAddressTerminatedSubscription();
        target.SendSystemMessage(new Watch(subject, Self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        var target = AsInternal(subject);
        if (watching is not null && watching.Remove(subject))
        {
            target.SendSystemMessage(new Unwatch(subject, Self));
            MaintainAddressTerminatedSubscription();
        }
        terminatedQueued?.Remove(subject);
        return subject;
    }

    private static IInternalActorRef AsInternal(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject as IInternalActorRef
            ?? throw new ArgumentException($"expected a ref made by the runtime or a transport (IInternalActorRef), got {subject.GetType().Name}", nameof(subject));
    }

    private void AddWatcher(IActorRef watchee, IActorRef watcher)
    {
        var watcheeSelf = watchee.Equals(Self);
        var watcherSelf = watcher.Equals(Self);
        if (watcheeSelf && !watcherSelf)
        {
            if ((watchedBy ??= new HashSet<IActorRef>()).Add(watcher)) MaintainAddressTerminatedSubscription();
        }
        else if (!watcheeSelf && watcherSelf)
        {
            Watch(watchee);
        }
        else
        {
            LogError(null, "Ignoring Watch({Watchee}, {Watcher}) at {ActorPath}: neither or both are this actor", watchee, watcher, SelfRef.Path);
        }
    }

    private void RemoveWatcher(IActorRef watchee, IActorRef watcher)
    {
        var watcheeSelf = watchee.Equals(Self);
        var watcherSelf = watcher.Equals(Self);
        if (watcheeSelf && !watcherSelf)
        {
            if (watchedBy is not null && watchedBy.Remove(watcher)) MaintainAddressTerminatedSubscription();
        }
        else if (!watcheeSelf && watcherSelf)
        {
            Unwatch(watchee);
        }
    }

    /// <summary>A watched actor (or a child) died: queue exactly one Terminated, and finish waiting on children.</summary>
    private void WatchedActorTerminated(IActorRef dead, bool existenceConfirmed, bool addressTerminated)
    {
        if (watching is not null && watching.Remove(dead, out var custom))
        {
            MaintainAddressTerminatedSubscription();
            if (!isTerminating)
            {
                (terminatedQueued ??= new Dictionary<IActorRef, object?>())[dead] = custom;
                SelfRef.Tell(new TerminatedNotice(new Terminated(dead, existenceConfirmed, addressTerminated)), dead);
            }
        }
        if (IsChild(dead, out _)) HandleChildTerminated(dead);
    }

    private void ReceivedTerminated(Terminated terminated)
    {
        // Dropped when the watch was cancelled after the Terminated was queued.
        if (terminatedQueued is null || !terminatedQueued.Remove(terminated.ActorRef, out var custom)) return;
        ReceiveMessage(custom ?? terminated);
    }

    private void UnwatchWatchedActors()
    {
        if (watching is { Count: > 0 })
        {
            foreach (var watchee in watching.Keys)
                ((IInternalActorRef)watchee).SendSystemMessage(new Unwatch(watchee, Self));
            watching.Clear();
        }
        terminatedQueued?.Clear();
        MaintainAddressTerminatedSubscription();
    }

    private void TellWatchersWeDied()
    {
        if (watchedBy is not { Count: > 0 }) return;
        var notification = new DeathWatchNotification(Self, ExistenceConfirmed: true, AddressTerminated: false);
        foreach (var watcher in watchedBy)
        {
            // The parent already got its notification.
            if (!watcher.Equals(ParentRef)) ((IInternalActorRef)watcher).SendSystemMessage(notification);
        }
        watchedBy.Clear();
    }

    /// <summary>A transport declared a node dead: every actor watched there is terminated, every watcher there forgotten.</summary>
    private void OnAddressTerminated(Address address)
    {
        if (watching is not null)
            foreach (var watchee in watching.Keys.Where(w => w.Path.Address.Equals(address)).ToList())
                SelfRef.SendSystemMessage(new DeathWatchNotification(watchee, ExistenceConfirmed: false, AddressTerminated: true));
        watchedBy?.RemoveWhere(w => w.Path.Address.Equals(address));
        MaintainAddressTerminatedSubscription();
    }

    /// <summary>Subscribes to <see cref="AddressTerminated"/> while this actor watches, or is watched by, a non-local actor.</summary>
    private void MaintainAddressTerminatedSubscription()
    {
        var needed = (watching is not null && watching.Keys.Any(IsRemote)) || (watchedBy is not null && watchedBy.Any(IsRemote));
        if (needed == subscribedToAddressTerminated || (needed && IsTerminated)) return;
        subscribedToAddressTerminated = needed;
        if (needed) System.EventStream.Subscribe(Self, typeof(AddressTerminated));
        else System.EventStream.Unsubscribe(Self, typeof(AddressTerminated));
    }

    private static bool IsRemote(IActorRef r) => r is IInternalActorRef { IsLocal: false };
}
