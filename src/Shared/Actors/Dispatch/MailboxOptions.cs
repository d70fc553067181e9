namespace Troupe.Actors;

/// <summary>
/// The user-message queue of an actor. <see cref="Unbounded"/> (the default) never rejects.
/// <see cref="Bounded"/> holds at most <see cref="Capacity"/> user messages; overflow policy: a
/// message that arrives when the mailbox is full is not enqueued but sent to dead letters at once
/// (Akka's bounded mailbox with a zero push timeout), so senders never block. System messages are
/// never bounded.
/// </summary>
public sealed record MailboxOptions
{
    private MailboxOptions(int? capacity) => Capacity = capacity;

    /// <summary>Null for unbounded.</summary>
    public int? Capacity { get; }

    public static MailboxOptions Unbounded { get; } = new((int?)null);

    public static MailboxOptions Bounded(int capacity) =>
        capacity > 0 ? new MailboxOptions(capacity)
            : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"expected a positive mailbox capacity, got {capacity}");
}
