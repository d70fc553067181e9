using Akka.Actor;
using Akka.Event;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Reporting;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Sweep;

internal sealed partial class ExperimentCoordinator
{
    // Every trial is done: results first, then the journal says finished, then whoever waits hears it.
    private void Finish()
    {
        Timers.Cancel(ProgressTick.Instance);
        var summary = Summary("finished", null);
        var outcomes = Table.All.Select(t => new TrialOutcome(t.Config, t.Status, Table.AttemptCount(t.Id), t.Worker)).ToList();
        metrics.Tell(new WriteResults(outcomes, summary));
        BecomeStacked(() => WritingResults(summary));
    }

    // A child died (the journal could not write, say): nothing more can be journaled, so nothing more is acted on.
    private void Abort(string error)
    {
        Log.Error("sweep {Name} aborted: {Error}", spec.Name, error);
        Stash.UnstashAll();
        foreach (var child in Context.GetChildren()) Context.Stop(child);
        Complete(Summary("aborted", error));
    }

    private void Complete(SweepSummary summary, bool published = false)
    {
        if (!published) Publish(new SweepFinished(summary));
        foreach (var w in watchers) w.Tell(new SweepCompleted(summary));
        watchers.Clear();
        Become(() => Finished(summary));
    }

    private void Finished(SweepSummary summary)
    {
        Receive<AwaitSweep>(_ => Sender.Tell(new SweepCompleted(summary)));
        Receive<SubscribeSweep>(m => Follow(subscribers, m.Subscriber));
        Receive<RegisterWorker>(m => m.Agent.Tell(new WorkerRegistered(m.WorkerId)));
        Receive<TrialStarted>(m => m.ModelActor.Tell(new StopTrial(m.Fence, "the sweep is over")));
        Receive<EpochCompleted>(_ => { });
        Receive<TrialProgress>(_ => { });
        Receive<TrialFailed>(_ => { });
        Receive<ReplicaFinished>(_ => { });
        Receive<ElasticTick>(_ => { });
        // Anything it watched may still stop: a subscriber, or a model actor whose slot was held (HoldRunning). A
        // Func<T, bool> handler would leave the latter unhandled, and an unhandled Terminated fails the actor.
        Receive<Terminated>(t =>
        {
            subscribers.Remove(t.ActorRef);
            draining.Remove(t.ActorRef);
        });
        Receive<Akka.Cluster.ClusterEvent.IReachabilityEvent>(_ => { });
    }

    private SweepSummary Summary(string state, string? error)
    {
        var t = table;
        var best = t?.BestTrial();
        return new SweepSummary(spec.Name, settings.RunDirectory, state, t?.All.Count ?? 0, t?.Count(TrialStatus.Completed) ?? 0,
            t?.Count(TrialStatus.Stopped) ?? 0, t?.Count(TrialStatus.Failed) ?? 0, spec.Train.Metric, best?.Id, best?.Best, best?.Config.Params,
            DateTime.UtcNow - started, error);
    }
}
