using Akka.Actor;
using Akka.Event;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace Troupe.Worker.Agent;

/// <summary>
/// A worker node's root on a real cluster (<c>/user/node</c>): waits for the member of role <c>coordinator</c> to be
/// Up, then starts the <see cref="WorkerAgent"/> that registers with the coordinator's sweep actor at
/// <see cref="CoordinatorPath"/> on that node. When that coordinator is removed (it left, crashed and was downed), this
/// node leaves the cluster too: its model actors were training for a coordinator that is gone, and the host joins a
/// fresh incarnation once a coordinator is back (<c>troupe-worker</c> rejoins). When the coordinator stays unreachable
/// longer than <see cref="UnreachableLimit"/> without any downing decision removing it, this node downs itself: the
/// split-brain resolver should have decided long before, and a worker must not sit in a cluster whose coordinator is
/// gone while a new coordinator waits for it (seen in a chaos run: a worker that lost every other member stayed
/// for minutes without a decision).
/// </summary>
public sealed class WorkerNode : ReceiveActor, IWithTimers
{
    private ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>Where a coordinator node hosts the actor workers register with.</summary>
    public const string CoordinatorPath = "/user/sweep";

    /// <summary>The cluster role of the coordinator.</summary>
    public const string CoordinatorRole = "coordinator";

    /// <summary>
    /// HOCON key for how long the coordinator may stay unreachable before this node downs itself; when absent,
    /// <see cref="UnreachableLimit"/> derives it from the split-brain resolver's timing.
    /// </summary>
    public const string UnreachableLimitKey = "troupe.worker.coordinator-unreachable-limit";

    private readonly Func<string, WorkerSettings> settingsFor;
    private readonly TimeSpan unreachableLimit;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="settingsFor">The agent's settings, given this node's worker id (its advertised host:port).</param>
    public WorkerNode(Func<string, WorkerSettings> settingsFor)
    {
        this.settingsFor = settingsFor ?? throw new ArgumentNullException(nameof(settingsFor));
        unreachableLimit = UnreachableLimit(Context.System.Settings.Config);
        Receive<MemberUp>(m => m.Member.HasRole(CoordinatorRole), m => StartAgent(m.Member));
        // Other members coming and going are not this node's business: only the coordinator's are.
        Receive<MemberUp>(_ => { });
        Receive<MemberRemoved>(_ => { });
        Receive<IReachabilityEvent>(_ => { });
    }

    public static Props Props(Func<string, WorkerSettings> settingsFor) => Akka.Actor.Props.Create(() => new WorkerNode(settingsFor));

    // Akka.Cluster's reference.conf (its ClusterConfigFactory is internal): the resolver's defaults for a bare config.
    private static readonly Akka.Configuration.Config ClusterReference =
        Akka.Configuration.ConfigurationFactory.FromResource("Akka.Cluster.Configuration.Cluster.conf", typeof(Cluster).Assembly);

    /// <summary>
    /// <see cref="UnreachableLimitKey"/> when set; otherwise the time the split-brain resolver has to decide,
    /// stable-after, plus its instability backstop (down-all-when-unstable: a duration, <c>on</c> = 3/4 of
    /// stable-after as Akka reads it, <c>off</c> = nothing), plus stable-after again as margin. Default timing: 55 s;
    /// tight: 12 s.
    /// </summary>
    public static TimeSpan UnreachableLimit(Akka.Configuration.Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.HasPath(UnreachableLimitKey)) return config.GetTimeSpan(UnreachableLimitKey);
        var sbr = config.WithFallback(ClusterReference).GetConfig("akka.cluster.split-brain-resolver");
        var stable = sbr.GetTimeSpan("stable-after");
        var unstable = sbr.GetString("down-all-when-unstable") switch
        {
            "on" => stable * 0.75,
            "off" => TimeSpan.Zero,
            _ => sbr.GetTimeSpan("down-all-when-unstable"),
        };
        return stable + unstable + stable;
    }

    private Cluster Cluster => Cluster.Get(Context.System);

    protected override void PreStart() =>
        Cluster.Subscribe(Self, InitialStateAsEvents, typeof(MemberUp), typeof(MemberRemoved), typeof(IReachabilityEvent));

    protected override void PostStop() => Cluster.Unsubscribe(Self);

    private void StartAgent(Member coordinator)
    {
        var self = Cluster.SelfAddress;
        var workerId = $"{self.Host}:{self.Port}";
        var sweep = ((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(new RootActorPath(coordinator.Address) / "user" / CoordinatorPath["/user/".Length..]);
        Context.ActorOf(WorkerAgent.Props(sweep, settingsFor(workerId)), "agent");
        Log.Info("coordinator {Coordinator} is up: worker {Worker} registers with it", coordinator.Address, workerId);
        Become(() => Serving(coordinator));
    }

    private void Serving(Member coordinator)
    {
        Receive<MemberRemoved>(m => m.Member.UniqueAddress.Equals(coordinator.UniqueAddress), _ =>
        {
            Log.Warning("coordinator {Coordinator} was removed: leaving the cluster", coordinator.Address);
            Cluster.Leave(Cluster.SelfAddress);
        });
        Receive<MemberUp>(m => m.Member.HasRole(CoordinatorRole) && !m.Member.UniqueAddress.Equals(coordinator.UniqueAddress),
            m => Log.Warning("a second coordinator {Coordinator} is up; this worker stays with {Current}", m.Member.Address, coordinator.Address));
        Receive<UnreachableMember>(m => m.Member.UniqueAddress.Equals(coordinator.UniqueAddress),
            _ => Timers.StartSingleTimer(CoordinatorLost.Instance, CoordinatorLost.Instance, unreachableLimit));
        Receive<ReachableMember>(m => m.Member.UniqueAddress.Equals(coordinator.UniqueAddress), _ => Timers.Cancel(CoordinatorLost.Instance));
        Receive<CoordinatorLost>(_ =>
        {
            Log.Warning("coordinator {Coordinator} unreachable for {Limit} s and no downing decision removed it: this node downs itself to join again",
                coordinator.Address, unreachableLimit.TotalSeconds);
            Cluster.Down(Cluster.SelfAddress);
        });
        Receive<MemberUp>(_ => { });
        Receive<MemberRemoved>(_ => { });
        Receive<IReachabilityEvent>(_ => { });
    }

    private sealed class CoordinatorLost
    {
        public static readonly CoordinatorLost Instance = new();
    }
}
