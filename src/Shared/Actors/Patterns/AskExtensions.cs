namespace Troupe.Actors;

/// <summary>Request/reply from outside an actor (or from a <c>ReceiveAsync</c> handler).</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary ref as sender and completes with the first
    /// reply. A <see cref="Status.Failure"/> reply fails the task with its cause; a reply of another
    /// type fails it with <see cref="InvalidCastException"/>; no reply within
    /// <paramref name="timeout"/> (default <see cref="ActorSystemSettings.AskTimeout"/>, null: forever)
    /// fails it with <see cref="AskTimeoutException"/>; a cancelled token cancels it. A target already
    /// known dead fails it at once.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout is { } t && t <= TimeSpan.Zero && t != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), t, $"expected a positive ask timeout, got {t}");
        var internalTarget = target as IInternalActorRef
            ?? throw new ArgumentException($"expected a ref made by the runtime or a transport, got {target.GetType().Name}", nameof(target));
        if (internalTarget.IsTerminated)
            return Task.FromException<T>(new AskTimeoutException($"Ask to {target} failed at once: the target was already terminated"));
        var system = internalTarget.Provider.System;
        var promise = new PromiseActorRef<T>(system, target);
        promise.Start(timeout ?? system.Settings.AskTimeout, cancellationToken);
        target.Tell(message, promise);
        return promise.Task;
    }

    /// <summary><see cref="Ask{T}(IActorRef, object, TimeSpan?, CancellationToken)"/> for any reply type.</summary>
    public static Task<object> Ask(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        target.Ask<object>(message, timeout, cancellationToken);

    /// <summary>Asks the actors of a selection; the first reply wins.</summary>
    public static Task<T> Ask<T>(this ActorSelection selection, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var promise = new PromiseActorRef<T>(selection.System, selection.Anchor);
        promise.Start(timeout ?? selection.System.Settings.AskTimeout, cancellationToken);
        selection.Tell(message, promise);
        return promise.Task;
    }
}
