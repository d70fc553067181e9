namespace Troupe.Actors;

/// <summary>
/// Sends messages (or runs actions) later. Delays are honoured to the resolution of the system's
/// <see cref="TimeProvider"/> timers. Actions that throw are logged, never rethrown on a timer thread.
/// </summary>
public interface IScheduler
{
    /// <summary>Now, by the system's <see cref="TimeProvider"/>.</summary>
    DateTimeOffset Now { get; }

    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}
