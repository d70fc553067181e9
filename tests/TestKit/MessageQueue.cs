namespace Troupe.TestKit;

/// <summary>The inbox of a test actor: FIFO, with timed async takes and put-back at the front.</summary>
internal sealed class MessageQueue
{
    private readonly object gate = new();
    private readonly LinkedList<ReceivedMessage> messages = new();
    private readonly Queue<TaskCompletionSource<ReceivedMessage>> waiters = new();

    public int Count
    {
        get { lock (gate) return messages.Count; }
    }

    public void Enqueue(ReceivedMessage message)
    {
        lock (gate)
        {
            while (waiters.TryDequeue(out var waiter))
                if (waiter.TrySetResult(message)) return;
            messages.AddLast(message);
        }
    }

    public void PutBack(ReceivedMessage message)
    {
        lock (gate)
        {
            while (waiters.TryDequeue(out var waiter))
                if (waiter.TrySetResult(message)) return;
            messages.AddFirst(message);
        }
    }

    /// <summary>The next message, or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<ReceivedMessage?> TakeAsync(TimeSpan timeout)
    {
        TaskCompletionSource<ReceivedMessage> waiter;
        lock (gate)
        {
            if (messages.First is { } first)
            {
                messages.RemoveFirst();
                return first.Value;
            }
            if (timeout <= TimeSpan.Zero) return null;
            waiter = new TaskCompletionSource<ReceivedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Enqueue(waiter);
        }
        try
        {
            return await waiter.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (gate)
            {
                // A message may have been handed to this waiter just as the wait timed out: keep it.
                if (waiter.Task.IsCompletedSuccessfully) return waiter.Task.Result;
                waiter.TrySetCanceled();
            }
            return null;
        }
    }
}
