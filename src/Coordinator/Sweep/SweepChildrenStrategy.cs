using Akka.Actor;

namespace Troupe.Coordinator.Sweep;

/// <summary>
/// How the sweep supervises its children, one policy per child: reporting (the metrics aggregator: log lines, live
/// view, metrics.jsonl and results files) is restarted whenever it fails, since a display or a log must never end a
/// sweep, and it comes back from the journal; any other child (the journal) is stopped, and the coordinator, watching
/// it, ends the sweep as aborted: it must not act on what it could not journal. A reporting child that cannot even be
/// created, or fails more than <see cref="MaxRestarts"/> times a minute, is stopped too (and the sweep aborted, to be
/// resumed): restarting it would only spin. Failures are logged by Akka either way.
/// </summary>
internal sealed class SweepChildrenStrategy(Func<IActorRef, bool> isReporting)
    : OneForOneStrategy(MaxRestarts, 60_000, static _ => Directive.Stop)
{
    public const int MaxRestarts = 10;

    protected override Directive Handle(IActorRef child, Exception exception) =>
        isReporting(child) && exception is not ActorInitializationException ? Directive.Restart : Directive.Stop;
}
