namespace Troupe.Actors;

internal sealed partial class ActorCell
{
    private TimeSpan? receiveTimeout;
    private ITimer? receiveTimeoutTimer;
    private long lastActivity;

    public TimeSpan? ReceiveTimeout => receiveTimeout;

    /// <summary>
    /// One one-shot timer per actor. Messages only record the time; when the timer fires the actor
    /// checks the idle time and either delivers <see cref="Actors.ReceiveTimeout"/> or re-arms for
    /// the remainder, so a busy actor pays one timestamp per message.
    /// </summary>
    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), t, $"expected a positive receive timeout or null, got {t}");
        receiveTimeout = timeout;
        if (timeout is null)
        {
            receiveTimeoutTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        lastActivity = System.TimeProvider.GetTimestamp();
        if (receiveTimeoutTimer is null)
            using (ExecutionContext.SuppressFlow())
                receiveTimeoutTimer = System.TimeProvider.CreateTimer(
                    static state => ((LocalActorRef)state!).Tell(ReceiveTimeoutTick.Instance, null), SelfRef,
                    Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        receiveTimeoutTimer.Change(timeout.Value, Timeout.InfiniteTimeSpan);
    }

    private void MarkActivity() => lastActivity = System.TimeProvider.GetTimestamp();

    private void OnReceiveTimeoutTick()
    {
        if (receiveTimeout is not { } timeout || receiveTimeoutTimer is null) return;
        var idle = System.TimeProvider.GetElapsedTime(lastActivity);
        if (idle < timeout)
        {
            receiveTimeoutTimer.Change(timeout - idle, Timeout.InfiniteTimeSpan);
            return;
        }
        lastActivity = System.TimeProvider.GetTimestamp();
        receiveTimeoutTimer.Change(timeout, Timeout.InfiniteTimeSpan);
        ReceiveMessage(Actors.ReceiveTimeout.Instance);
    }

    private void CancelReceiveTimeout()
    {
        receiveTimeout = null;
        receiveTimeoutTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void DisposeReceiveTimeout()
    {
        receiveTimeout = null;
        receiveTimeoutTimer?.Dispose();
        receiveTimeoutTimer = null;
    }
}
