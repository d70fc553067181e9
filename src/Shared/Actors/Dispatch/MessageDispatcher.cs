namespace Troupe.Actors;

/// <summary>
/// Runs mailboxes. <see cref="Throughput"/> bounds the user messages one actor processes per run
/// before it yields its thread to other actors (Akka's default: 30).
/// </summary>
public abstract class MessageDispatcher
{
    protected MessageDispatcher(string id, int throughput)
    {
        if (throughput <= 0)
            throw new ArgumentOutOfRangeException(nameof(throughput), throughput, $"expected a positive throughput, got {throughput}");
        Id = id;
        Throughput = throughput;
    }

    public string Id { get; }

    public int Throughput { get; }

    internal abstract void Schedule(Mailbox mailbox);

    /// <summary>An actor starts using this dispatcher.</summary>
    internal virtual void Attach(Mailbox mailbox) { }

    /// <summary>An actor's mailbox closed for good.</summary>
    internal virtual void Detach(Mailbox mailbox) { }
}
