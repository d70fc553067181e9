namespace Troupe.Actors;

/// <summary>
/// <see cref="ITimerScheduler"/> of one actor. Each start gets a new generation; a fired timer's
/// message carries it, so a message from a cancelled or replaced timer that is already in the
/// mailbox is dropped when it is reached.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Timer> timers = new();
    private int generation;

    private sealed record Timer(object Message, bool Repeat, int Generation, ICancelable Task);

    public IReadOnlyCollection<object> ActiveTimers => timers.Keys.ToList();

    public void StartSingleTimer(object key, object message, TimeSpan timeout) => Start(key, message, timeout, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var gen = ++generation;
        var tick = new TimerMessage(key, gen, this);
        var task = interval is { } every
            ? cell.System.Scheduler.ScheduleTellRepeatedly(delay, every, cell.Self, tick, cell.Self)
            : cell.System.Scheduler.ScheduleTellOnce(delay, cell.Self, tick, cell.Self);
        timers[key] = new Timer(message, interval is not null, gen, task);
    }

    public bool IsTimerActive(object key) => timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (timers.Remove(key, out var timer)) timer.Task.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in timers.Values) timer.Task.Cancel();
        timers.Clear();
    }

    /// <summary>The payload of a fired timer that is still current; single timers end here.</summary>
    internal bool TryTakeMessage(TimerMessage fired, out object message)
    {
        message = null!;
        if (!ReferenceEquals(fired.Owner, this) || !timers.TryGetValue(fired.Key, out var timer) || timer.Generation != fired.Generation)
            return false;
        if (!timer.Repeat) timers.Remove(fired.Key);
        message = timer.Message;
        return true;
    }
}
