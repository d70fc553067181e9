using Akka.Actor;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Reporting;
using Troupe.Training.Experiments;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Sweep;

/// <summary>
/// The parent of one sweep's <see cref="ExperimentCoordinator"/> in a host process. A coordinator is never restarted
/// (its state lives in the journal; a restart with the snapshot it was started from would act on stale state): when
/// it fails, it is stopped and whoever awaits the sweep hears <c>aborted</c> with the failure, and the run directory
/// can be resumed. Forwards <see cref="AwaitSweep"/>, <see cref="SubscribeSweep"/> and worker registrations.
/// </summary>
internal sealed class SweepHost : ReceiveActor
{

    private readonly List<IActorRef> waiting = [];
    private IActorRef coordinator = ActorRefs.Nobody;
    private Exception? failure;
    private SweepCompleted? done;

    public SweepHost(ExperimentSpec spec, JournalSnapshot? snapshot, CoordinatorSettings settings)
    {
        Receive<AwaitSweep>(_ =>
        {
            if (done is null) waiting.Add(Sender);
            else Sender.Tell(done);
        });
        Receive<SweepCompleted>(m => Finish(m));
        Receive<SubscribeSweep>(m => coordinator.Forward(m));
        Receive<RegisterWorker>(m => coordinator.Forward(m));
        Receive<Terminated>(t => t.ActorRef.Equals(coordinator) && done is null, _ =>
        {
            var error = failure is null ? "the coordinator stopped" : $"the coordinator failed: {failure.GetType().Name}: {failure.Message}";
            Finish(new SweepCompleted(new SweepSummary(spec.Name, settings.RunDirectory, "aborted", 0, 0, 0, 0, spec.Train.Metric, null, null, null, TimeSpan.Zero, error)));
        });
        Receive<Terminated>(_ => { });
        Coordinator = () => ExperimentCoordinator.Props(spec, snapshot, settings);
    }

    private Func<Props> Coordinator { get; }

    internal static Props Props(ExperimentSpec spec, JournalSnapshot? snapshot, CoordinatorSettings settings) =>
        Akka.Actor.Props.Create(() => new SweepHost(spec, snapshot, settings));

    protected override void PreStart()
    {
        coordinator = Context.Watch(Context.ActorOf(Coordinator(), "coordinator"));
        coordinator.Tell(new AwaitSweep());
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        failure = e;
        return Directive.Stop;
    });

    private void Finish(SweepCompleted completed)
    {
        done = completed;
        foreach (var w in waiting) w.Tell(completed);
        waiting.Clear();
    }
}
