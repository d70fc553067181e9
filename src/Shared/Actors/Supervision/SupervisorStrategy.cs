using Microsoft.Extensions.Logging;

namespace Troupe.Actors;

/// <summary>
/// How a parent handles a failed child: the <see cref="Decider"/> maps the exception to a
/// <see cref="Directive"/>; a restart beyond <see cref="MaxNrOfRetries"/> within
/// <see cref="WithinTimeRange"/> stops the child instead. Every decision except Escalate is logged
/// (Resume as a warning, Restart and Stop as errors) with the child's path in scope.
/// </summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (withinTimeRange is { } w && w <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), w, $"expected a positive time range or null, got {w}");
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/>; negative: unlimited; 0: never restart.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window the retries are counted in; null: for the child's whole life.</summary>
    public TimeSpan? WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    /// <summary>Akka's default decider: initialization failures, Kill and death pacts stop; anything else restarts.</summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one, <see cref="DefaultDecider"/>, unlimited restarts.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>One-for-one, stop on any failure.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Applies Restart (<paramref name="restart"/>) or Stop to the failed child and, depending on the strategy, its siblings.</summary>
    private protected abstract void ProcessFailure(ActorCell parent, bool restart, IInternalActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children);

    /// <summary>False means escalate.</summary>
    internal bool HandleFailure(ActorCell parent, IInternalActorRef child, Exception cause, ChildRestartStats stats,
        IReadOnlyCollection<ChildRestartStats> children)
    {
        var directive = Decider(cause);
        switch (directive)
        {
            case Directive.Resume:
                LogFailure(parent, child, cause, directive);
                child.SendSystemMessage(new Resume(cause));
                return true;
            case Directive.Restart:
                LogFailure(parent, child, cause, directive);
                ProcessFailure(parent, true, child, cause, stats, children);
                return true;
            case Directive.Stop:
                LogFailure(parent, child, cause, directive);
                ProcessFailure(parent, false, child, cause, stats, children);
                return true;
            case Directive.Escalate:
                return false;
            default:
                throw new InvalidOperationException($"expected a Directive, got {(int)directive}");
        }
    }

    private protected bool RequestRestartPermission(ActorCell parent, ChildRestartStats stats)
    {
        if (stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, parent.System.TimeProvider)) return true;
        using (parent.System.Log.BeginScope(new ActorScope(stats.Child.Path)))
            parent.System.Log.LogError("Child {ActorPath} exceeded {MaxNrOfRetries} restarts within {Window}: stopping it",
                stats.Child.Path, MaxNrOfRetries, WithinTimeRange?.ToString() ?? "its lifetime");
        return false;
    }

    private protected static void RestartChild(IInternalActorRef child, Exception cause, bool suspendFirst)
    {
        if (suspendFirst) child.SendSystemMessage(Suspend.Instance);
        child.SendSystemMessage(new Recreate(cause));
    }

    private static void LogFailure(ActorCell parent, IActorRef child, Exception cause, Directive directive)
    {
        var log = parent.System.Log;
        using (log.BeginScope(new ActorScope(child.Path)))
        {
            var level = directive == Directive.Resume ? LogLevel.Warning : LogLevel.Error;
            log.Log(level, cause, "Actor {ActorPath} failed with {ExceptionType}: {Reason}. Supervisor {Supervisor} decided: {Directive}",
                child.Path, cause.GetType().Name, cause.Message, parent.Self.Path, directive);
        }
    }
}
