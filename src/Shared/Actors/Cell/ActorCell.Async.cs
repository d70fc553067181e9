namespace Troupe.Actors;

internal sealed partial class ActorCell
{
    private ActorSynchronizationContext? synchronizationContext;
    private AwaitState? awaiting;

    /// <summary>What a suspended async handler was processing.</summary>
    private sealed record AwaitState(object? Message, IActorRef? Sender);

    /// <summary>
    /// Runs an async handler with this actor's synchronization context, so its awaits resume inside
    /// the actor. Until the returned task completes the mailbox is suspended: no other user message
    /// runs (one message at a time); system messages still do.
    /// </summary>
    internal void RunTask(Func<Task> handler)
    {
        var context = synchronizationContext ??= new ActorSynchronizationContext(this);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = handler() ?? throw new InvalidOperationException($"expected the async handler of {SelfRef.Path} to return a task, got null");
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        if (task.IsCompleted)
        {
            if (!task.IsCompletedSuccessfully) Rethrow(task);
            return;
        }
        awaiting = new AwaitState(currentMessage, currentSender);
        Mailbox.Suspend();
        var current = incarnation;
        var mailbox = Mailbox;
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => mailbox.PostSystem(new AsyncHandlerCompleted(task, current)));
    }

    internal void PostContinuation(SendOrPostCallback callback, object? state) =>
        Mailbox.PostSystem(new RunContinuation(callback, state, incarnation));

    private void RunContinuation(RunContinuation continuation)
    {
        if (continuation.Incarnation != incarnation) return;   // the instance that awaited is gone
        currentMessage = awaiting?.Message;
        currentSender = awaiting?.Sender;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(synchronizationContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            currentSender = null;
        }
    }

    private void OnAsyncHandlerCompleted(AsyncHandlerCompleted completed)
    {
        if (completed.Incarnation != incarnation || awaiting is null) return;
        var state = awaiting;
        awaiting = null;
        Mailbox.Resume();
        if (completed.Task.IsCompletedSuccessfully) return;
        currentMessage = state.Message;
        currentSender = state.Sender;
        try
        {
            Rethrow(completed.Task);
        }
        finally
        {
            currentSender = null;
        }
    }

    /// <summary>Abandons a pending async handler (restart, stop): its continuations will be dropped.</summary>
    private void ClearAwaiting()
    {
        if (awaiting is null) return;
        awaiting = null;
        incarnation++;
        Mailbox.Resume();
    }
}
