using Microsoft.Extensions.Logging;
using Troupe.Actors;
using static Troupe.Cluster.Daemon.ClusterMessages;

namespace Troupe.Cluster.Daemon;

/// <summary>
/// <c>/system/cluster</c>: starts the publisher, the heartbeat actor and the core daemon, and routes the
/// extension's commands to them. A child that fails is stopped, not restarted (a core restarted with an empty
/// view would be a different node under the same uid); losing one shuts the node down, as Akka's cluster
/// core supervisor does.
/// </summary>
internal sealed class ClusterDaemon : ReceiveActor
{
    public const string Name = "cluster";

    private readonly Cluster _cluster;
    private IActorRef _publisher = Nobody.Instance;
    private IActorRef _core = Nobody.Instance;

    public ClusterDaemon(Cluster cluster)
    {
        _cluster = cluster;
        Receive<JoinSeedNodes>(m => _core.Forward(m));
        Receive<JoinTo>(m => _core.Forward(m));
        Receive<LeaveNode>(m => _core.Forward(m));
        Receive<DownNode>(m => _core.Forward(m));
        Receive<Subscribe>(m => _publisher.Forward(m));
        Receive<Unsubscribe>(m => _publisher.Forward(m));
        Receive<SendCurrentState>(m => _publisher.Forward(m));
        Receive<Terminated>(t =>
        {
            if (Context.System.IsTerminating) return;
            Log.LogError("Cluster daemon child {Child} stopped unexpectedly; shutting the node down", t.ActorRef.Path);
            _cluster.NoteShutdownReason($"cluster daemon child {t.ActorRef.Path.Name} failed");
            Context.System.Terminate();
        });
    }

    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart()
    {
        var self = _cluster.SelfUniqueAddress;
        _publisher = Context.Watch(Context.ActorOf(Props.Create(() => new ClusterEventPublisher(self)), "publisher"));
        var heartbeat = Context.Watch(Context.ActorOf(
            Props.Create(() => new ClusterHeartbeatActor(self, _cluster.FailureDetector, _cluster.Settings)), ClusterHeartbeatActor.Name));
        var publisher = _publisher;
        _core = Context.Watch(Context.ActorOf(Props.Create(() => new ClusterCoreDaemon(_cluster, publisher, heartbeat)), ClusterCoreDaemon.Name));
    }
}
