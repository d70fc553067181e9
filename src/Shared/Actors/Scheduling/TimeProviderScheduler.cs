using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Troupe.Actors;

/// <summary>
/// <see cref="IScheduler"/> on <see cref="TimeProvider"/> timers (the .NET timer queue, or a fake
/// clock in tests). Pending tasks are tracked so that the system's termination cancels them all;
/// scheduling after termination throws.
/// </summary>
internal sealed class TimeProviderScheduler(TimeProvider clock, ILogger log) : IScheduler
{
    private readonly ConcurrentDictionary<Scheduled, byte> pending = new();
    private readonly ILogger log = log;
    private volatile bool shutDown;

    public DateTimeOffset Now => clock.GetUtcNow();

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Schedule(delay, null, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Schedule(initialDelay, ValidateInterval(interval), () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(delay, null, action);
    }

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(initialDelay, ValidateInterval(interval), action);
    }

    private static TimeSpan ValidateInterval(TimeSpan interval) =>
        interval > TimeSpan.Zero ? interval
            : throw new ArgumentOutOfRangeException(nameof(interval), interval, $"expected a positive interval, got {interval}");

    private ICancelable Schedule(TimeSpan delay, TimeSpan? interval, Action action)
    {
        if (delay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(delay), delay, $"expected a non-negative delay, got {delay}");
        if (shutDown) throw new InvalidOperationException("expected a running actor system, got a terminated one: its scheduler is shut down");
        var task = new Scheduled(this, action, interval);
        pending[task] = 0;
        using (ExecutionContext.SuppressFlow())
            task.Timer = clock.CreateTimer(static s => ((Scheduled)s!).Fire(), task, delay, interval ?? Timeout.InfiniteTimeSpan);
        if (shutDown) task.Cancel();
        return task;
    }

    internal void Shutdown()
    {
        shutDown = true;
        foreach (var task in pending.Keys) task.Cancel();
    }

    private sealed class Scheduled(TimeProviderScheduler owner, Action action, TimeSpan? interval) : ICancelable
    {
        private int cancelled;
        public ITimer? Timer;

        public bool IsCancellationRequested => Volatile.Read(ref cancelled) != 0;

        public void Cancel()
        {
            if (Interlocked.Exchange(ref cancelled, 1) != 0) return;
            Timer?.Dispose();
            owner.pending.TryRemove(this, out _);
        }

        public void Fire()
        {
            if (IsCancellationRequested) return;
            if (interval is null) Cancel();
            try
            {
                action();
            }
            catch (Exception e)
            {
                owner.log.LogError(e, "A scheduled task failed");
            }
        }
    }
}
