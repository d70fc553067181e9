namespace Troupe.Actors;

/// <summary>
/// The directive applies to all children: a restart restarts every sibling (each counts against its
/// own retry limit; if any is out of retries, all are stopped), a stop stops them all. Resume
/// resumes the failed child only.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider) { }

    public AllForOneStrategy(Func<Exception, Directive> decider) : base(-1, null, decider) { }

    private protected override void ProcessFailure(ActorCell parent, bool restart, IInternalActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        if (children.Count == 0) return;
        var allowed = restart;
        if (restart)
            foreach (var c in children)
                allowed &= RequestRestartPermission(parent, c);
        foreach (var c in children)
        {
            if (allowed) RestartChild(c.Child, cause, suspendFirst: !c.Child.Equals(child));
            else parent.Stop(c.Child);
        }
    }
}
