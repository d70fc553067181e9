using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
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
/// advertise. Thin over plain decision objects it calls synchronously: the <see cref="TrialTable"/>, the
/// <see cref="SweepScheduler"/> (search + trial scheduler), the <see cref="GangPlanner"/> (worker slots) and the
/// regroup holds; and two children: the journal writer (SQLite, checkpoints) and the metrics aggregator (logs,
/// results). Every decision is journaled before it is acted on: while it waits for the journal (or a checkpoint
/// transfer) it is in a named wait (ExperimentCoordinator.Waits.cs) that stashes everything else, so each report is
/// handled to the end before the next. Reports carry fencing tokens;
/// those of an attempt that is not live are ignored and logged. Workers and model actors are reached only through
/// their refs and the messages of <c>Troupe.Worker.Protocol</c>, so remote refs work the same.
/// </summary>
internal sealed partial class ExperimentCoordinator : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private ILoggingAdapter Log { get; } = Context.GetLogger();
    public ITimerScheduler Timers { get; set; } = null!;
    public IStash Stash { get; set; } = null!;

    private readonly ExperimentSpec spec;
    private readonly JournalSnapshot? snapshot;
    private readonly CoordinatorSettings settings;
    // Both bounded by the live actors that asked: each is watched and forgotten when it stops.
    private readonly HashSet<IActorRef> watchers = [];
    private readonly HashSet<IActorRef> subscribers = [];
    private readonly Dictionary<IActorRef, string> workers = [];
    private readonly HashSet<string> blocked = new(StringComparer.Ordinal);
    private readonly RegroupHolds holds = new();
    // Model actors of ended attempts still running, by the id their slots are held under (HoldRunning).
    private readonly Dictionary<IActorRef, string> draining = [];
    private readonly SweepScheduler scheduler;
    private readonly GangPlanner planner;
    private readonly Dictionary<string, IActorRef> agents = new(StringComparer.Ordinal);
    private readonly TrialTable table;
    private readonly DateTime started = DateTime.UtcNow;
    private IActorRef journal = ActorRefs.Nobody;
    private IActorRef metrics = ActorRefs.Nobody;

    public ExperimentCoordinator(ExperimentSpec spec, JournalSnapshot? snapshot, CoordinatorSettings settings)
    {
        this.spec = spec;
        this.snapshot = snapshot;
        this.settings = settings;
        scheduler = new SweepScheduler(spec, snapshot?.Replay);
        planner = new GangPlanner(spec.Resources, spec.Train.BatchSize, settings.ElasticWait, RendezvousPorts.Free);
        table = new TrialTable(scheduler.Trials, spec, snapshot);
        Receive<RegisterWorker>(OnRegister);
        Receive<TrialStarted>(OnTrialStarted);
        Receive<TrialProgress>(OnProgress);
        Receive<EpochCompleted>(OnEpoch);
        Receive<TrialFailed>(OnTrialFailed);
        Receive<ReplicaFinished>(OnReplicaFinished);
        Receive<Terminated>(OnTerminated);
        Receive<ClusterEvent.UnreachableMember>(OnUnreachable);
        Receive<ClusterEvent.ReachableMember>(OnReachable);
        Receive<ElasticTick>(_ => TryDispatch());
        Receive<RegroupTick>(OnRegroupTick);
        Receive<ActorIdentity>(OnProbeAnswered);
        Receive<ProgressTick>(_ => Publish(new SweepProgress(Table.Done, Table.Running, Table.Waiting, Table.RemainingEpochs)));
        Receive<AwaitSweep>(_ => Follow(watchers, Sender));
        Receive<SubscribeSweep>(m => Follow(subscribers, m.Subscriber));
    }

    /// <summary>A coordinator for <paramref name="spec"/>, resuming from <paramref name="snapshot"/> when given (see <c>RunJournal</c>).</summary>
    internal static Props Props(ExperimentSpec spec, JournalSnapshot? snapshot, CoordinatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        return Akka.Actor.Props.Create(() => new ExperimentCoordinator(spec, snapshot, settings));
    }

    private TrialTable Table => table;

    protected override SupervisorStrategy SupervisorStrategy() => new SweepChildrenStrategy(child => child.Equals(metrics));

    protected override void PreStart()
    {
        SubscribeToReachability();
        journal = Context.Watch(Context.ActorOf(Akka.Actor.Props.Create(() => new JournalWriter(settings.RunDirectory, spec, settings.SpecBaseDirectory)), "journal"));
        var reports = new ReportSettings(settings.Output, settings.Format, spec.Train.Metric, spec.Train.Mode, spec.Train.Epochs, settings.Live, settings.LogStart);
        metrics = Context.Watch(Context.ActorOf(MetricsAggregator.Props(settings.RunDirectory, scheduler.Trials, reports, snapshot), "metrics"));
        journal.Tell(new BeginExperiment(scheduler.Trials, Table.Interrupted));
        BecomeStacked(BeginningExperiment);
    }

    private void OnExperimentBegun()
    {
        Publish(new SweepStarted(spec.Name, Table.All.Count, Table.Done, snapshot is not null, settings.RunDirectory, SchedulerText()));
        if (settings.ProgressInterval > TimeSpan.Zero) Timers.StartPeriodicTimer(ProgressTick.Instance, ProgressTick.Instance, settings.ProgressInterval);
        AfterChange();
    }

    protected override void PostStop() => UnsubscribeFromReachability();

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

    private bool IsChild(IActorRef actor) => actor.Equals(journal) || actor.Equals(metrics);

    private void Publish(SweepEvent e)
    {
        metrics.Tell(e);
        foreach (var s in subscribers) s.Tell(e);
    }

    private void OnRegister(RegisterWorker m)
    {
        // A new incarnation at the address of one still registered (a restarted container, `restart: unless-stopped`):
        // one process per address, so the old one is gone, whenever its removal arrives. It is lost now, under its own
        // agent ref, and its late Terminated then finds nothing; the new one registers once that loss is journaled.
        if (agents.TryGetValue(m.WorkerId, out var previous) && !previous.Equals(m.Agent))
        {
            Log.Warning("worker {0} registered again from a new incarnation: the previous one is lost", m.WorkerId);
            workers.Remove(previous);
            Context.Unwatch(previous);
            Self.Tell(m, Sender);
            OnWorkerLost(m.WorkerId);
            return;
        }
        m.Agent.Tell(new WorkerRegistered(m.WorkerId));
        if (!workers.ContainsKey(m.Agent))
        {
            workers[m.Agent] = m.WorkerId;
            Context.Watch(m.Agent);
            journal.Tell(new JournalNote("worker_joined", null, $"{m.WorkerId}: {m.Slots} {m.Device.Name()} slots"));
            Publish(new WorkerJoined(m.WorkerId, m.Slots));
        }
        planner.AdvertiseWorker(m.WorkerId, m.Slots, m.Agent.Path.Address.Host ?? "127.0.0.1", m.Device);
        agents[m.WorkerId] = m.Agent;
        TryDispatch();
    }

    private void OnTerminated(Terminated t)
    {
        if (IsChild(t.ActorRef))
        {
            Abort($"the {t.ActorRef.Path.Name} child stopped (see the error above)");
            return;
        }
        if (subscribers.Remove(t.ActorRef) | watchers.Remove(t.ActorRef)) return;
        if (workers.Remove(t.ActorRef, out var workerId))
        {
            OnWorkerLost(workerId);
            return;
        }
        // A watch that never reached a remote model actor (its node's address was gated by a broken connection) comes
        // back at once as a Terminated without confirmed existence: the actor may well be training still. Its attempt
        // ends by its own report, or by the removal of its node (the agent's Terminated), not by a guess here; the
        // slots of an ended attempt's actor stay held until that removal.
        var unconfirmed = t.ActorRef.Path.Address.HasGlobalScope && !t.ExistenceConfirmed && !t.AddressTerminated;
        if (draining.Remove(t.ActorRef, out var hold))
        {
            if (!unconfirmed && planner.ReleaseHold(hold)) TryDispatch();
            return;
        }
        if (Table.FinishedReplicaStopped(t.ActorRef)) return;
        if (Table.LiveAttemptOf(t.ActorRef) is not { } fence) return;
        if (unconfirmed)
        {
            Log.Warning("{0}: the watch of its model actor on {1} was not delivered; the attempt goes on until it reports or its node is removed",
                fence, t.ActorRef.Path.Address);
            return;
        }
        Fail([Ending(fence, "model actor stopped", stopped: t.ActorRef)]);
    }

    private void Follow(HashSet<IActorRef> followers, IActorRef follower)
    {
        if (follower.IsNobody() || !followers.Add(follower)) return;
        Context.Watch(follower);
    }

    private void OnWorkerLost(string workerId)
    {
        var evicted = planner.RemoveWorker(workerId).Select(p => p.TrialId).ToList();
        agents.Remove(workerId);
        journal.Tell(new JournalNote("worker_lost", null, workerId));
        Publish(new WorkerLost(workerId, evicted));
        holds.Clear(workerId);
        var live = evicted.Select(Table.LiveAttempt).OfType<FencingToken>().Union(Table.LiveOn(workerId)).ToList();
        Fail([.. live.Select(fence => Ending(fence, $"worker {workerId} lost", outcome: "lost"))]);
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
