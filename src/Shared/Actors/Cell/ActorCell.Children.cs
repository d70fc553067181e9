using System.Collections.Immutable;

namespace Troupe.Actors;

internal sealed partial class ActorCell
{
    private readonly object childrenLock = new();
    private ImmutableDictionary<string, ChildRestartStats> children = ImmutableDictionary<string, ChildRestartStats>.Empty.WithComparers(StringComparer.Ordinal);
    private HashSet<IActorRef>? toDie;          // children asked to stop and not yet terminated
    private ChildrenReason? childrenReason;     // what to do when toDie empties
    private bool childrenClosed;                // dead: no more children
    private long childNameCounter;

    /// <summary>Creates a child cell and starts it. Thread-safe (top-level actors are created from any thread).</summary>
    internal LocalActorRef AttachChild(Props props, string? name, bool allowSystemName = false)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null) name = "$" + EncodeName(Interlocked.Increment(ref childNameCounter));
        else ActorPath.ValidateElement(name, allowSystemName);
        var path = ActorPath.CreateChild(SelfRef.Path, name, NewUid());
        var mailbox = new Mailbox(System.Dispatchers.Lookup(props.Dispatcher), props.Mailbox ?? System.Settings.DefaultMailbox);
        var child = new ActorCell(System, path, props, mailbox, SelfRef);
        lock (childrenLock)
        {
            if (childrenClosed || childrenReason is ChildrenReason.Termination)
                throw new InvalidOperationException($"expected {SelfRef.Path} to be alive to create child '{name}', got it stopping or stopped");
            if (children.ContainsKey(name))
                throw new InvalidActorNameException($"expected a unique actor name under {SelfRef.Path}, got '{name}', which is taken (or its actor is still stopping)");
            children = children.Add(name, new ChildRestartStats(child.SelfRef));
        }
        child.Start(suspended: Mailbox.IsSuspended);
        return child.SelfRef;
    }

    internal IInternalActorRef? GetChild(string name) =>
        ChildrenSnapshot.TryGetValue(name, out var stats) ? stats.Child : null;

    private bool IsChild(IActorRef actorRef, out ChildRestartStats stats) =>
        ChildrenSnapshot.TryGetValue(actorRef.Path.Name, out stats!) && stats.Child.Equals(actorRef);

    public void Stop(IActorRef actorRef)
    {
        ArgumentNullException.ThrowIfNull(actorRef);
        if (actorRef is not IInternalActorRef target)
            throw new ArgumentException($"expected a ref made by the runtime, got {actorRef.GetType().Name}", nameof(actorRef));
        if (IsChild(actorRef, out _))
            lock (childrenLock) (toDie ??= new HashSet<IActorRef>()).Add(actorRef);
        target.Stop();
    }

    /// <summary>Records what to do once stopping children are gone; false when none is stopping (do it now).</summary>
    private bool SetChildrenTerminationReason(ChildrenReason reason)
    {
        lock (childrenLock)
        {
            if (toDie is not { Count: > 0 }) return false;
            if (childrenReason is not ChildrenReason.Termination) childrenReason = reason;
            return true;
        }
    }

    private void HandleChildTerminated(IActorRef child)
    {
        ChildrenReason? reason = null;
        lock (childrenLock)
        {
            if (children.TryGetValue(child.Path.Name, out var stats) && stats.Child.Equals(child))
                children = children.Remove(child.Path.Name);
            if (toDie is not null && toDie.Remove(child) && toDie.Count == 0)
            {
                reason = childrenReason;
                childrenReason = null;
            }
        }
        switch (reason)
        {
            case ChildrenReason.Recreation r:
                FinishRecreate(r.Cause);
                break;
            case ChildrenReason.Creation:
                FinishCreate();
                break;
            case ChildrenReason.Termination:
                FinishTerminate();
                break;
        }
    }

    private void SuspendChildren(IReadOnlyCollection<IActorRef>? except)
    {
        foreach (var stats in ChildrenSnapshot.Values)
            if (except is null || !except.Contains(stats.Child))
                stats.Child.SendSystemMessage(Suspend.Instance);
    }

    private void ResumeChildren(Exception? causedByFailure)
    {
        var perpetrator = escalatedFrom;
        escalatedFrom = null;
        foreach (var stats in ChildrenSnapshot.Values)
            stats.Child.SendSystemMessage(new Resume(stats.Child.Equals(perpetrator) ? causedByFailure : null));
    }

    private static long NewUid()
    {
        long uid;
        do uid = Random.Shared.NextInt64(1, long.MaxValue); while (uid == 0);
        return uid;
    }

    private static string EncodeName(long n)
    {
        const string digits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
        Span<char> buffer = stackalloc char[12];
        var i = buffer.Length;
        do
        {
            buffer[--i] = digits[(int)(n & 63)];
            n >>= 6;
        } while (n != 0);
        return new string(buffer[i..]);
    }
}
