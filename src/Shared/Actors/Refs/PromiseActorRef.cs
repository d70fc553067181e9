namespace Troupe.Actors;

/// <summary>
/// The temporary ref behind <c>Ask</c>: completes its task with the first reply and then behaves like a
/// dead ref. Its path (<c>/temp/$n</c>) is made and registered with the provider only when something
/// asks for it (a transport serializing it as a sender), so a local ask costs no registry update.
/// </summary>
internal sealed class PromiseActorRef<T> : MinimalActorRef
{
    private readonly TaskCompletionSource<T> promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorSystem system;
    private readonly IActorRef target;
    private ActorPath? path;
    private int registered;
    private ITimer? timer;
    private TimeSpan timeout;
    private CancellationTokenRegistration cancellation;

    public PromiseActorRef(ActorSystem system, IActorRef target)
    {
        this.system = system;
        this.target = target;
    }

    public Task<T> Task => promise.Task;

    public override ActorPath Path
    {
        get
        {
            if (path is not null) return path;
            var fresh = system.LocalProvider.NewTempPath();
            if (Interlocked.CompareExchange(ref path, fresh, null) is null && Interlocked.Exchange(ref registered, 1) == 0)
            {
                system.LocalProvider.RegisterTemp(this);
                if (promise.Task.IsCompleted) system.LocalProvider.UnregisterTemp(fresh);
            }
            return path;
        }
    }

    public override IActorRefProvider Provider => system.Provider;

    public override bool IsTerminated => promise.Task.IsCompleted;

    /// <summary>Arms the timeout and the cancellation; call once, after creation.</summary>
    public void Start(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (timeout is { } t && t != Timeout.InfiniteTimeSpan)
        {
            this.timeout = t;
            using (ExecutionContext.SuppressFlow())
                timer = system.TimeProvider.CreateTimer(static s => ((PromiseActorRef<T>)s!).TimedOut(), this, t, Timeout.InfiniteTimeSpan);
        }
        if (cancellationToken.CanBeCanceled)
            cancellation = cancellationToken.UnsafeRegister(static (s, token) => ((PromiseActorRef<T>)s!).Complete(p => p.TrySetCanceled(token)), this);
    }

    private void TimedOut() => Complete(p => p.TrySetException(new AskTimeoutException(
        $"Ask timed out on {target} after {timeout.TotalMilliseconds:0.###} ms: no reply of type {typeof(T).Name}")));

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (promise.Task.IsCompleted)
        {
            system.DeadLetters.Tell(new DeadLetter(message, sender ?? system.DeadLetters, this), sender);
            return;
        }
        switch (message)
        {
            case T reply:
                Complete(p => p.TrySetResult(reply));
                break;
            case Status.Failure failure:
                Complete(p => p.TrySetException(failure.Cause));
                break;
            default:
                Complete(p => p.TrySetException(new InvalidCastException(
                    $"Ask to {target} expected a reply of type {typeof(T).Name}, got {message.GetType().Name}: {message}")));
                break;
        }
    }

    public override void SendSystemMessage(ISystemMessage message)
    {
        if (message is DeathWatchNotification d && d.Actor.Equals(target) && typeof(T) == typeof(Terminated))
            Tell(new Terminated(d.Actor, d.ExistenceConfirmed, d.AddressTerminated), d.Actor);
        else base.SendSystemMessage(message);
    }

    private void Complete(Func<TaskCompletionSource<T>, bool> complete)
    {
        if (!complete(promise)) return;
        timer?.Dispose();
        cancellation.Dispose();
        if (Volatile.Read(ref registered) != 0) system.LocalProvider.UnregisterTemp(path!);
    }
}
