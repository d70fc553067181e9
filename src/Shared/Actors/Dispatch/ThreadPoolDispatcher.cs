namespace Troupe.Actors;

/// <summary>
/// The default dispatcher: each runnable mailbox is one <see cref="IThreadPoolWorkItem"/> queued
/// with <see cref="ThreadPool.UnsafeQueueUserWorkItem(IThreadPoolWorkItem, bool)"/>: no allocation,
/// no execution-context capture. With <see cref="PreferLocal"/> a mailbox scheduled from a pool
/// thread goes to that thread's local queue (good locality for request/reply pairs; idle threads
/// steal from it).
/// </summary>
public sealed class ThreadPoolDispatcher : MessageDispatcher
{
    public ThreadPoolDispatcher(string id, int throughput, bool preferLocal) : base(id, throughput)
    {
        PreferLocal = preferLocal;
    }

    public bool PreferLocal { get; }

    internal override void Schedule(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, PreferLocal);
}
