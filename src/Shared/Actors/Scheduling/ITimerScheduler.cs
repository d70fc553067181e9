namespace Troupe.Actors;

/// <summary>
/// Timers owned by one actor, keyed by any object. Starting a timer with an active key replaces it.
/// A cancelled or replaced timer never delivers, not even a message already in the mailbox. All
/// timers are cancelled when the actor restarts or stops. Use only from inside the actor.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan timeout);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    IReadOnlyCollection<object> ActiveTimers { get; }

    void Cancel(object key);

    void CancelAll();
}
