namespace Troupe.Actors;

/// <summary>Stops an actor and waits for its death.</summary>
public static class GracefulStopExtensions
{
    /// <summary>
    /// Watches <paramref name="target"/>, sends it <paramref name="stopMessage"/> (default
    /// <see cref="PoisonPill"/>, so queued messages are processed first) and completes with true once
    /// it terminated (PostStop done), or false if it did not within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout, object? stopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, $"expected a positive timeout, got {timeout}");
        var internalTarget = target as IInternalActorRef
            ?? throw new ArgumentException($"expected a ref made by the runtime or a transport, got {target.GetType().Name}", nameof(target));
        var promise = new PromiseActorRef<Terminated>(internalTarget.Provider.System, target);
        promise.Start(timeout, CancellationToken.None);
        internalTarget.SendSystemMessage(new Watch(target, promise));
        target.Tell(stopMessage ?? PoisonPill.Instance, null);
        try
        {
            await promise.Task.ConfigureAwait(false);
            return true;
        }
        catch (AskTimeoutException)
        {
            internalTarget.SendSystemMessage(new Unwatch(target, promise));
            return false;
        }
    }
}
