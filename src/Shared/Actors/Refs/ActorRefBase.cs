namespace Troupe.Actors;

/// <summary>
/// Base of every ref: equality and ordering by path and uid, the path as <see cref="ToString"/>.
/// Transports derive their remote ref from it and implement <see cref="Tell"/>,
/// <see cref="SendSystemMessage"/> and <see cref="Stop"/> by sending frames.
/// </summary>
public abstract class ActorRefBase : IInternalActorRef
{
    public abstract ActorPath Path { get; }
    public abstract IActorRefProvider Provider { get; }
    public virtual bool IsLocal => true;
    public virtual bool IsTerminated => false;

    public abstract void Tell(object message, IActorRef? sender);
    public abstract void SendSystemMessage(ISystemMessage message);
    public abstract void Stop();

    public bool Equals(IActorRef? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null) return false;
        var a = Path;
        var b = other.Path;
        return a.Uid == b.Uid && a.Equals(b);
    }

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Path.GetHashCode(), Path.Uid);

    public int CompareTo(IActorRef? other)
    {
        if (other is null) return 1;
        var byPath = Path.CompareTo(other.Path);
        return byPath != 0 ? byPath : Path.Uid.CompareTo(other.Path.Uid);
    }

    public override string ToString() => Path.Uid == 0 ? $"[{Path}]" : $"[{Path}#{Path.Uid}]";
}
