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
/// fresh incarnation once a coordinator is back (<c>troupe-worker</c> rejoins).
/// </summary>
public sealed class WorkerNode : ReceiveActor
{
    private ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>Where a coordinator node hosts the actor workers register with.</summary>
    public const string CoordinatorPath = "/user/sweep";

    /// <summary>The cluster role of the coordinator.</summary>
    public const string CoordinatorRole = "coordinator";

    private readonly Func<string, WorkerSettings> settingsFor;

    /// <param name="settingsFor">The agent's settings, given this node's worker id (its advertised host:port).</param>
    public WorkerNode(Func<string, WorkerSettings> settingsFor)
    {
        this.settingsFor = settingsFor ?? throw new ArgumentNullException(nameof(settingsFor));
        Receive<MemberUp>(m => m.Member.HasRole(CoordinatorRole), m => StartAgent(m.Member));
        // Other members coming and going are not this node's business: only the coordinator's are.
        Receive<MemberUp>(_ => { });
        Receive<MemberRemoved>(_ => { });
    }

    public static Props Props(Func<string, WorkerSettings> settingsFor) => Akka.Actor.Props.Create(() => new WorkerNode(settingsFor));

    private Cluster Cluster => Cluster.Get(Context.System);

    protected override void PreStart() =>
        Cluster.Subscribe(Self, InitialStateAsEvents, typeof(MemberUp), typeof(MemberRemoved));

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
        Receive<MemberUp>(_ => { });
        Receive<MemberRemoved>(_ => { });
    }
}
