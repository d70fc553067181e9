using Microsoft.Extensions.Logging;

namespace Troupe.Actors;

/// <summary>
/// The queues of one actor and the work item that drains them. System messages go first; user
/// messages are processed up to the dispatcher's throughput per run, re-checking system messages
/// after each one. One status word holds "scheduled", "closed" and the suspend count; a producer
/// schedules the mailbox only when it flips "scheduled" from 0 to 1, so at most one thread runs an
/// actor at a time and a busy actor costs its senders one enqueue and one read.
/// <para>
/// A closed mailbox (dead actor) keeps running when messages arrive, to hand them to dead letters
/// (user messages) or to answer them (a late <see cref="Watch"/> gets a
/// <see cref="DeathWatchNotification"/>), so a message sent concurrently with death is never lost.
/// </para>
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Scheduled = 1;
    private const int Closed = 2;
    private const int SystemPending = 4;   // set after a system message is enqueued, cleared before draining
    private const int SuspendUnit = 8;
    private const int SuspendMask = ~(Scheduled | Closed | SystemPending);

    private readonly MpscQueue<Envelope> userQueue = new();
    private readonly MpscQueue<ISystemMessage> systemQueue = new();
    private readonly int? capacity;
    private int count;                       // bounded mailboxes only
    private Queue<Envelope>? prepended;      // unstashed messages, consumer only
    private int status;
    private ActorCell cell = null!;

    public Mailbox(MessageDispatcher dispatcher, MailboxOptions options)
    {
        Dispatcher = dispatcher;
        capacity = options.Capacity;
    }

    public MessageDispatcher Dispatcher { get; }

    /// <summary>Set by <see cref="ActorCell"/>; a worker of a pinned dispatcher keeps its own state here.</summary>
    internal object? DispatcherState;

    public void SetActor(ActorCell actorCell) => cell = actorCell;

    public bool IsClosed => (Volatile.Read(ref status) & Closed) != 0;

    public bool IsSuspended => (Volatile.Read(ref status) & SuspendMask) != 0;

    /// <summary>Enqueues a user message (any thread).</summary>
    public void Post(object message, IActorRef? sender)
    {
        if (capacity is { } max && !TryReserve(max))
        {
            cell.System.DeadLetters.Tell(new DeadLetter(message, sender ?? cell.System.DeadLetters, cell.Self), sender);
            return;
        }
        userQueue.Enqueue(new Envelope(message, sender));
        // Dekker fence: the publish above must be visible before we read the status, or a consumer
        // that is just going idle and this producer could both conclude the other will run it.
        Interlocked.MemoryBarrier();
        var s = Volatile.Read(ref status);
        // Scheduled: the running consumer re-checks before going idle. Suspended: user messages wait
        // for the resume, which reschedules. (Close clears the suspend count.)
        if ((s & (Scheduled | SuspendMask)) != 0) return;
        TrySchedule(hasUser: true, hasSystem: false);
    }

    /// <summary>Enqueues a system message (any thread).</summary>
    public void PostSystem(ISystemMessage message)
    {
        systemQueue.Enqueue(message);
        // A locked Or: the fence of the Dekker handshake, and the flag the consumer checks between messages.
        if ((Interlocked.Or(ref status, SystemPending) & Scheduled) != 0) return;
        TrySchedule(hasUser: false, hasSystem: true);
    }

    private bool TryReserve(int max)
    {
        while (true)
        {
            var c = Volatile.Read(ref count);
            if (c >= max) return false;
            if (Interlocked.CompareExchange(ref count, c + 1, c) == c) return true;
        }
    }

    private bool TrySchedule(bool hasUser, bool hasSystem)
    {
        while (true)
        {
            var s = Volatile.Read(ref status);
            if ((s & Scheduled) != 0) return false;
            var runnable = (s & Closed) != 0
                ? hasUser || hasSystem
                : hasSystem || (hasUser && (s & SuspendMask) == 0);
            if (!runnable) return false;
            if (Interlocked.CompareExchange(ref status, s | Scheduled, s) == s)
            {
                Dispatcher.Schedule(this);
                return true;
            }
        }
    }

    /// <summary>Consumer only: nested suspension of user-message processing.</summary>
    public void Suspend() => Interlocked.Add(ref status, SuspendUnit);

    /// <summary>Consumer only: undoes one <see cref="Suspend"/>; never goes below zero.</summary>
    public void Resume()
    {
        while (true)
        {
            var s = Volatile.Read(ref status);
            if ((s & SuspendMask) == 0 || (s & Closed) != 0) return;
            if (Interlocked.CompareExchange(ref status, s - SuspendUnit, s) == s) return;
        }
    }

    /// <summary>Consumer only: the actor is dead; everything left and everything later goes to dead letters.</summary>
    public void Close()
    {
        while (true)
        {
            var s = Volatile.Read(ref status);
            if (Interlocked.CompareExchange(ref status, (s & (Scheduled | SystemPending)) | Closed, s) == s) return;
        }
    }

    /// <summary>Consumer only: puts messages before everything queued (unstash).</summary>
    public void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0) return;
        var queue = new Queue<Envelope>(envelopes.Count + (prepended?.Count ?? 0));
        foreach (var e in envelopes) queue.Enqueue(e);
        if (prepended is not null)
            while (prepended.TryDequeue(out var e)) queue.Enqueue(e);
        prepended = queue;
    }

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (prepended is { Count: > 0 })
        {
            envelope = prepended.Dequeue();
            return true;
        }
        if (!userQueue.TryDequeue(out envelope)) return false;
        if (capacity is not null) Interlocked.Decrement(ref count);
        return true;
    }

    private bool HasUserMessages => prepended is { Count: > 0 } || !userQueue.IsEmpty;

    void IThreadPoolWorkItem.Execute() => Run();

    /// <summary>One run: system messages, then up to throughput user messages, then reschedule if needed.</summary>
    internal void Run()
    {
        ActorCell.Current = cell;
        try
        {
            if (!IsClosed)
            {
                ProcessSystemMessages();
                ProcessUserMessages();
            }
            if (IsClosed) DrainToDeadLetters();
        }
        catch (Exception e)
        {
            // The cell catches everything user code throws; reaching here is a runtime bug. Log it
            // loudly instead of letting the thread pool take the process down.
            cell.System.Log.LogCritical(e, "Mailbox of {ActorPath} failed outside user code", cell.Self.Path);
        }
        finally
        {
            ActorCell.Current = null;
            Interlocked.And(ref status, ~Scheduled);
            TrySchedule(HasUserMessages, !systemQueue.IsEmpty);
        }
    }

    internal void ProcessSystemMessages()
    {
        // Clear the flag first: a message posted after this point sets it again.
        Interlocked.And(ref status, ~SystemPending);
        while (!IsClosed && systemQueue.TryDequeue(out var message))
            cell.SystemInvoke(message);
    }

    private void ProcessUserMessages()
    {
        var left = Dispatcher.Throughput;
        while (left-- > 0)
        {
            var s = Volatile.Read(ref status);
            if ((s & SystemPending) != 0)
            {
                ProcessSystemMessages();
                s = Volatile.Read(ref status);
            }
            if ((s & (Closed | SuspendMask)) != 0) return;
            if (!TryDequeueUser(out var envelope)) return;
            cell.Invoke(envelope);
        }
    }

    private void DrainToDeadLetters()
    {
        Interlocked.And(ref status, ~SystemPending);
        while (systemQueue.TryDequeue(out var message)) cell.DeadSystemMessage(message);
        while (TryDequeueUser(out var envelope)) cell.DeadUserMessage(envelope);
    }
}
