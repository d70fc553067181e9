namespace Troupe.Actors;

/// <summary>
/// One dedicated background thread per actor, for actors that block or run long computations
/// (a training epoch) and would otherwise hold a thread-pool thread. The thread ends when the actor
/// dies; a dead actor's late messages are drained on the thread pool.
/// </summary>
public sealed class PinnedDispatcher : MessageDispatcher
{
    public PinnedDispatcher(string id) : base(id, int.MaxValue) { }

    internal override void Attach(Mailbox mailbox)
    {
        var worker = new Worker(mailbox);
        mailbox.DispatcherState = worker;
        worker.Start();
    }

    internal override void Schedule(Mailbox mailbox)
    {
        if (mailbox.DispatcherState is Worker worker && worker.TrySignal()) return;
        ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
    }

    internal override void Detach(Mailbox mailbox)
    {
        if (mailbox.DispatcherState is Worker worker) worker.Finish();
    }

    private sealed class Worker(Mailbox mailbox)
    {
        private readonly SemaphoreSlim signal = new(0);
        private readonly object gate = new();
        private volatile bool finishing;
        private bool running = true;

        public void Start()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "troupe-pinned" };
            thread.Start();
        }

        /// <summary>False once the thread has ended: the caller runs the mailbox elsewhere.</summary>
        public bool TrySignal()
        {
            lock (gate)
            {
                if (!running) return false;
                signal.Release();
                return true;
            }
        }

        public void Finish() => finishing = true;

        private void Loop()
        {
            while (true)
            {
                signal.Wait();
                mailbox.Run();
                if (finishing)
                {
                    // Later runs (dead letters) go to the pool; one may already be signalled: run it.
                    lock (gate) running = false;
                    while (signal.Wait(0)) mailbox.Run();
                    return;
                }
            }
        }
    }
}
