using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Placement;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Scheduling;
using Troupe.Training.Experiments;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Sweep;

/// <summary>
/// The coordinator (role <c>coordinator</c>, one per cluster): runs one experiment's trials on the slots workers
/// advertise. Thin over its <see cref="TrialTable"/> and four children: the trial scheduler (search + scheduler), the
/// placement (worker slots), the journal writer (SQLite, checkpoints) and the metrics aggregator (logs, results).
/// Every decision is journaled before it is acted on: while it waits for a child's answer it stashes everything else
/// (<see cref="Await{T}"/>), so each report is handled to the end before the next. Reports carry fencing tokens;
/// those of an attempt that is not live are ignored and logged. Workers and model actors are reached only through
/// their refs and the messages of <c>Troupe.Worker.Protocol</c>, so remote refs work the same.
/// </summary>
public sealed partial class ExperimentCoordinator : ReceiveActor
{
    private readonly ExperimentSpec spec;
    private readonly JournalSnapshot? snapshot;
    private readonly CoordinatorSettings settings;
    private readonly List<IActorRef> watchers = [];
    private readonly List<IActorRef> subscribers = [];
    private readonly Dictionary<IActorRef, string> workers = [];
    private readonly HashSet<string> blocked = new(StringComparer.Ordinal);
    private readonly RegroupHolds holds = new();
    private readonly DateTime started = DateTime.UtcNow;
    private IActorRef journal = Nobody.Instance;
    private IActorRef scheduler = Nobody.Instance;
    private IActorRef placement = Nobody.Instance;
    private IActorRef metrics = Nobody.Instance;
    private TrialTable? table;

    internal ExperimentCoordinator(ExperimentSpec spec, JournalSnapshot? snapshot, CoordinatorSettings settings)
    {
        this.spec = spec;
        this.snapshot = snapshot;
        this.settings = settings;
        Receive<RegisterWorker>(OnRegister);
        Receive<TrialStarted>(OnTrialStarted);
        Receive<TrialProgress>(OnProgress);
        Receive<EpochCompleted>(OnEpoch);
        Receive<TrialFailed>(OnTrialFailed);
        Receive<ReplicaFinished>(OnReplicaFinished);
        Receive<Terminated>(OnTerminated);
        Receive<ElasticTick>(_ => TryDispatch());
        Receive<RegroupTick>(OnRegroupTick);
        Receive<ActorIdentity>(OnProbeAnswered);
        Receive<ProgressTick>(_ => Publish(new SweepProgress(Table.Done, Table.Running, Table.Waiting, Table.RemainingEpochs)));
        Receive<AwaitSweep>(_ => watchers.Add(Sender));
        Receive<SubscribeSweep>(m => subscribers.Add(m.Subscriber));
    }

    /// <summary>A coordinator for <paramref name="spec"/>, resuming from <paramref name="snapshot"/> when given (see <c>RunJournal</c>).</summary>
    internal static Props Props(ExperimentSpec spec, JournalSnapshot? snapshot, CoordinatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        return Actors.Props.Create(() => new ExperimentCoordinator(spec, snapshot, settings));
    }

    private TrialTable Table => table ?? throw new InvalidOperationException("coordinator: expected the trial table, got none before the scheduler answered");

    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart()
    {
        journal = Context.Watch(Context.ActorOf(Actors.Props.Create(() => new JournalWriter(settings.RunDirectory, spec, settings.SpecBaseDirectory)), "journal"));
        placement = Context.Watch(Context.ActorOf(Actors.Props.Create(() =>
            new PlacementActor(spec.Resources, spec.Train.BatchSize, settings.ElasticWait, RendezvousPorts.Free)), "placement"));
        scheduler = Context.Watch(Context.ActorOf(Actors.Props.Create(() => new TrialSchedulerActor(spec, snapshot)), "scheduler"));
        Await<TrialsGenerated>(_ => true, generated =>
        {
            table = new TrialTable(generated.Trials, spec, snapshot);
            var reports = new ReportSettings(settings.Output, settings.Format, spec.Train.Metric, spec.Train.Mode, spec.Train.Epochs, settings.Live, settings.LogStart);
            metrics = Context.Watch(Context.ActorOf(MetricsAggregator.Props(settings.RunDirectory, generated.Trials, reports, snapshot), "metrics"));
            journal.Tell(new BeginExperiment(generated.Trials, Table.Interrupted));
            Await<ExperimentBegun>(_ => true, _ =>
            {
                Publish(new SweepStarted(spec.Name, Table.All.Count, Table.Done, snapshot is not null, settings.RunDirectory, SchedulerText()));
                if (settings.ProgressInterval > TimeSpan.Zero) Timers.StartPeriodicTimer(ProgressTick.Instance, ProgressTick.Instance, settings.ProgressInterval);
                AfterChange();
            });
        });
    }

    /// <summary>
    /// Waits for one answer matching <paramref name="match"/> and stashes everything else meanwhile; then continues
    /// with <paramref name="then"/> after unstashing. A child dying while it is awaited ends the sweep.
    /// </summary>
    private void Await<T>(Predicate<T> match, Action<T> then)
    {
        BecomeStacked(() =>
        {
            Receive<T>(match, m =>
            {
                UnbecomeStacked();
                Stash.UnstashAll();
                then(m);
            });
            Receive<Terminated>(t => IsChild(t.ActorRef), t => Abort($"the {t.ActorRef.Path.Name} child stopped (see the error above)"));
            ReceiveAny(_ => Stash.Stash());
        });
    }

    private string SchedulerText()
    {
        var s = spec.Scheduler;
        var by = $"by {spec.Train.Metric} ({spec.Train.Mode.ToString().ToLowerInvariant()})";
        return s.Kind switch
        {
            Training.Experiments.SchedulerKind.Asha => $"scheduler asha (grace {s.Grace}, reduction {s.Reduction}, max_t {s.MaxT ?? spec.Train.Epochs}) {by}",
            Training.Experiments.SchedulerKind.Median => $"scheduler median (grace {s.Grace}, min_samples {s.MinSamples}) {by}",
            _ => $"scheduler fifo {by}",
        };
    }

    private bool IsChild(IActorRef actor) =>
        actor.Equals(journal) || actor.Equals(scheduler) || actor.Equals(placement) || actor.Equals(metrics);

    private void Publish(SweepEvent e)
    {
        metrics.Tell(e);
        foreach (var s in subscribers) s.Tell(e);
    }

    private void OnRegister(RegisterWorker m)
    {
        m.Agent.Tell(new WorkerRegistered(m.WorkerId));
        if (!workers.ContainsKey(m.Agent))
        {
            workers[m.Agent] = m.WorkerId;
            Context.Watch(m.Agent);
            journal.Tell(new JournalNote("worker_joined", null, $"{m.WorkerId}: {m.Slots} {m.Device.Name()} slots"));
            Publish(new WorkerJoined(m.WorkerId, m.Slots));
        }
        placement.Tell(new AdvertiseWorker(m.WorkerId, m.Slots, m.Agent, m.Device));
        TryDispatch();
    }

    private void OnTerminated(Terminated t)
    {
        if (IsChild(t.ActorRef))
        {
            Abort($"the {t.ActorRef.Path.Name} child stopped (see the error above)");
            return;
        }
        if (workers.Remove(t.ActorRef, out var workerId))
        {
            OnWorkerLost(workerId);
            return;
        }
        if (Table.LiveAttemptOf(t.ActorRef) is { } fence) Fail(fence, "model actor stopped", AfterChange);
    }

    private void OnWorkerLost(string workerId)
    {
        placement.Tell(new RemoveWorker(workerId));
        Await<WorkerRemoved>(r => r.WorkerId == workerId, removed =>
        {
            journal.Tell(new JournalNote("worker_lost", null, workerId));
            Publish(new WorkerLost(workerId, removed.Evicted));
            holds.Clear(workerId);
            var live = removed.Evicted.Select(Table.LiveAttempt).OfType<FencingToken>().Union(Table.LiveOn(workerId)).ToList();
            FailEach(live, 0, $"worker {workerId} lost");
        });
    }

    private void FailEach(IReadOnlyList<FencingToken> fences, int index, string reason)
    {
        if (index >= fences.Count) AfterChange();
        else Fail(fences[index], reason, () => FailEach(fences, index + 1, reason), outcome: "lost");
    }

    private void AfterChange()
    {
        if (Table.AllDone) Finish();
        else TryDispatch();
    }

    private sealed class ProgressTick
    {
        public static readonly ProgressTick Instance = new();
    }

    private sealed class ElasticTick
    {
        public static readonly ElasticTick Instance = new();
    }
}
