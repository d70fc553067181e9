namespace Troupe.Actors;

/// <summary>A child as its parent sees it: its ref and how often it restarted in the current window.</summary>
internal sealed class ChildRestartStats(IInternalActorRef child)
{
    private int retriesInWindow;
    private long windowStart;

    public IInternalActorRef Child { get; } = child;

    /// <summary>
    /// Counts one more restart and says whether it is allowed: at most <paramref name="maxNrOfRetries"/>
    /// restarts (negative: unlimited) within <paramref name="window"/> (null: ever). A restart past the
    /// end of the window opens a new window.
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? window, TimeProvider clock)
    {
        if (maxNrOfRetries == 0) return false;
        if (window is null)
        {
            if (maxNrOfRetries < 0) return true;
            retriesInWindow++;
            return retriesInWindow <= maxNrOfRetries;
        }
        var limit = maxNrOfRetries < 0 ? 1 : maxNrOfRetries;
        var now = clock.GetTimestamp();
        if (windowStart == 0) windowStart = now;
        if (clock.GetElapsedTime(windowStart, now) <= window.Value)
        {
            retriesInWindow++;
            return retriesInWindow <= limit;
        }
        retriesInWindow = 1;
        windowStart = now;
        return true;
    }
}
