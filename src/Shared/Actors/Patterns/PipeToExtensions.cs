namespace Troupe.Actors;

/// <summary>Sends a task's outcome to an actor: the result (or what <c>success</c> makes of it), or a <see cref="Status.Failure"/>.</summary>
public static class PipeToExtensions
{
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(static (t, state) =>
        {
            var (recipient, sender, success, failure) = ((IActorRef, IActorRef?, Func<T, object>?, Func<Exception, object>?))state!;
            if (t.IsCompletedSuccessfully)
            {
                object? message = success is null ? t.Result : success(t.Result);
                recipient.Tell(message ?? new Status.Success(null), sender);
            }
            else
            {
                recipient.Tell(FailureMessage(t, failure), sender);
            }
        }, (recipient, sender, success, failure), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Sends <paramref name="success"/> (default <see cref="Status.Success"/> with null) when the task completes.</summary>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) recipient.Tell(success?.Invoke() ?? new Status.Success(null), sender);
            else recipient.Tell(FailureMessage(t, failure), sender);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static object FailureMessage(Task t, Func<Exception, object>? failure)
    {
        Exception cause = t.IsCanceled
            ? new TaskCanceledException(t)
            : t.Exception!.InnerExceptions.Count == 1 ? t.Exception.InnerExceptions[0] : t.Exception;
        return failure is null ? new Status.Failure(cause) : failure(cause);
    }
}
