namespace Troupe.Actors;

/// <summary>The directive applies to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; negative: unlimited.</param>
    /// <param name="withinTimeRange">The retry window; null: the child's lifetime.</param>
    /// <param name="decider">Maps a failure to a directive.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider) { }

    /// <summary>Unlimited restarts.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : base(-1, null, decider) { }

    private protected override void ProcessFailure(ActorCell parent, bool restart, IInternalActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        if (restart && RequestRestartPermission(parent, stats)) RestartChild(child, cause, suspendFirst: false);
        else parent.Stop(child);
    }
}
