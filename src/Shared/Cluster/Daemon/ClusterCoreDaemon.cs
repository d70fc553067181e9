using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Cluster.Downing;
using Troupe.Cluster.FailureDetection;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Membership.Events;
using Troupe.Cluster.Remote.Actors;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Protocol.Cluster;
using static Troupe.Cluster.Daemon.ClusterMessages;
using JoinMessage = Troupe.Protocol.Cluster.Join;

namespace Troupe.Cluster.Daemon;

/// <summary>
/// <c>/system/cluster/core</c>: holds this node's <see cref="MembershipState"/> and moves it on. Behaviours:
/// <b>uninitialized</b> (no join asked for), <b>joining</b> (seed-node process: InitJoin until a seed acknowledges,
/// then Join until Welcome), <b>member</b> (gossip, leader actions, reachability from the failure detector,
/// downing after the stable period), <b>shutting down</b> (found itself Down, Removed or quarantined; the system
/// is terminating). Every decision is made by the pure classes it calls; this actor only routes and times.
/// </summary>
internal sealed partial class ClusterCoreDaemon : ReceiveActor
{
    public const string Name = "core";

    private readonly Cluster _cluster;
    private readonly UniqueAddress _self;
    private readonly ClusterSettings _settings;
    private readonly IActorRef _publisher;
    private readonly IActorRef _heartbeat;
    private readonly SplitBrainResolver _resolver;
    private readonly GossipTargets _gossipTargets = new(new Random());
    private readonly Dictionary<NodeAddress, IActorRef> _cores = new();
    private MembershipState _state = MembershipState.Empty;

    public ClusterCoreDaemon(Cluster cluster, IActorRef publisher, IActorRef heartbeat)
    {
        _cluster = cluster;
        _self = cluster.SelfUniqueAddress;
        _settings = cluster.Settings;
        _publisher = publisher;
        _heartbeat = heartbeat;
        _resolver = new SplitBrainResolver(DowningStrategy.Parse(_settings.DowningStrategy, _settings.CoordinatorRole), _settings.StableAfter, cluster.System.TimeProvider);
        Uninitialized();
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(ThisSystemQuarantined));

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _cluster.MarkShutDown();
    }

    private void Uninitialized()
    {
        Receive<JoinSeedNodes>(j => StartJoining(new SeedNodePlan(j.Seeds, _cluster.SelfAddress)));
        Receive<JoinTo>(j => StartJoining(new SeedNodePlan([j.Address], _cluster.SelfAddress)));
        NotAMember();
    }

    /// <summary>What a node that is not (yet) a member answers.</summary>
    private void NotAMember()
    {
        Receive<InitJoin>(_ => Sender.Tell(new InitJoinNack { From = _self.ToProto() }, Self));
        Receive<LeaveNode>(l => l.Address.Equals(_cluster.SelfAddress), _ => ShutDown("asked to leave before it joined"));
        Receive<ThisSystemQuarantined>(q => Log.LogWarning("Quarantined by {By} before joining ({Reason}); still trying to join", q.By, q.Reason));
    }

    private void BecomeMember()
    {
        Timers.Cancel(Tick.Join);
        Timers.Cancel(Tick.SeedTimeout);
        Timers.StartPeriodicTimer(Tick.Gossip, Tick.Gossip, _settings.GossipInterval);
        Timers.StartPeriodicTimer(Tick.LeaderActions, Tick.LeaderActions, _settings.LeaderActionsInterval);
        Timers.StartPeriodicTimer(Tick.Reap, Tick.Reap, _settings.UnreachableReaperInterval);
        Become(() =>
        {
            Receive<Tick>(t => t == Tick.Gossip, _ => GossipToOne());
            Receive<Tick>(t => t == Tick.LeaderActions, _ => Change(_state.LeaderActions(_self, _settings.Membership)));
            Receive<Tick>(t => t == Tick.Reap, _ => Reap());
            Receive<Tick>(t => t == Tick.ExitingDone, _ => ShutDown("left the cluster"));
            Receive<GossipEnvelope>(OnGossip);
            Receive<JoinMessage>(OnJoin);
            Receive<InitJoin>(_ => Sender.Tell(new InitJoinAck { From = _self.ToProto() }, Self));
            Receive<InitJoinAck>(_ => { });
            Receive<InitJoinNack>(_ => { });
            Receive<Welcome>(_ => { });
            Receive<JoinSeedNodes>(_ => Log.LogInformation("Already a member; JoinSeedNodes ignored"));
            Receive<JoinTo>(_ => Log.LogInformation("Already a member; Join ignored"));
            Receive<LeaveNode>(l => Change(_state.Leave(l.Address.ToNodeAddress(), _self)));
            Receive<Leave>(l => WithWireInput(() => Change(_state.Leave(NodeAddress.FromProto(l.Address), _self))));
            Receive<DownNode>(d => DownAt(d.Address.ToNodeAddress()));
            Receive<Down>(d => WithWireInput(() => DownAt(NodeAddress.FromProto(d.Address))));
            Receive<ThisSystemQuarantined>(q => ShutDown(_state.MemberOf(_self)?.Status is MemberStatus.Leaving or MemberStatus.Exiting
                ? "left the cluster" : $"quarantined by {q.By}: {q.Reason}"));
        });
        if (_state.MemberOf(_self)?.Status == MemberStatus.Joining) Log.LogInformation("Joined; {Self} is Joining", _self);
    }

    private void ShuttingDown(string reason)
    {
        Timers.CancelAll();
        Become(() =>
        {
            Receive<InitJoin>(_ => Sender.Tell(new InitJoinNack { From = _self.ToProto() }, Self));
            Receive<object>(m => m is Tick or GossipEnvelope or ClusterHeartbeat or LeaveNode or DownNode or ThisSystemQuarantined, _ => { });
        });
        Log.LogWarning("Cluster node {Self} shutting down: {Reason}", _self, reason);
    }

    private void ShutDown(string reason)
    {
        ShuttingDown(reason);
        _cluster.NoteShutdownReason(reason);
        Context.System.Terminate();
    }

    private void GossipToOne()
    {
        if (_gossipTargets.Pick(_state, _self) is { } target) SendGossip(target, CoreAt(target.Address));
    }

    private void SendGossip(UniqueAddress to, IActorRef target) =>
        target.Tell(new GossipEnvelope { From = _self.ToProto(), To = to.ToProto(), Gossip = GossipConverter.ToProto(_state) }, Self);

    private void OnGossip(GossipEnvelope envelope)
    {
        UniqueAddress from;
        MembershipState remote;
        try
        {
            from = UniqueAddress.FromProto(envelope.From);
            if (UniqueAddress.FromProto(envelope.To) != _self) return;   // meant for an earlier incarnation at this address
            remote = GossipConverter.FromProto(envelope.Gossip);
        }
        catch (FormatException e)
        {
            Log.LogWarning("Dropped malformed gossip from {Sender}: {Reason}", Sender, e.Message);
            return;
        }
        if (_state.Tombstones.Contains(from)) return;                      // a removed node; the transport quarantines it
        if (!remote.Members.ContainsKey(_self) && !remote.Tombstones.Contains(_self)) return;   // not (yet) about this node
        var merged = _state.Merge(remote, _self);
        Change(merged);
        if (GossipTargets.ShouldReply(remote, merged) && !_state.Tombstones.Contains(from)) SendGossip(from, Sender);
    }

    private void OnJoin(JoinMessage join)
    {
        UniqueAddress node;
        try
        {
            node = UniqueAddress.FromProto(join.Node);
        }
        catch (FormatException e)
        {
            Log.LogWarning("Dropped a malformed Join from {Sender}: {Reason}", Sender, e.Message);
            return;
        }
        if (_state.Tombstones.Contains(node))
        {
            Log.LogWarning("Refused a Join from removed incarnation {Node}; it must restart", node);
            return;
        }
        if (_state.MemberOf(node) is null) Log.LogInformation("{Node} joins with roles [{Roles}]", node, string.Join(",", join.Roles));
        Change(_state.Join(node, join.Roles, _self));
        Sender.Tell(new Welcome { From = _self.ToProto(), Gossip = GossipConverter.ToProto(_state) }, Self);
    }

    private void Reap()
    {
        Change(ReachabilityCheck.Apply(_state, _self, _cluster.FailureDetector.IsAvailable));
        var downs = _resolver.Decide(_state, _self);
        if (downs.Count == 0) return;
        Log.LogWarning("Split-brain resolver ({Strategy}): {Decision}, downing [{Nodes}]", _resolver.Strategy.GetType().Name,
            _resolver.LastDecision, string.Join(", ", downs));
        Change(downs.Aggregate(_state, (s, n) => s.Down(n, _self)));
    }

    private void DownAt(NodeAddress address)
    {
        if (_state.MemberAt(address) is { } member) Change(_state.Down(member.Node, _self));
        else Log.LogInformation("Down for {Address} ignored: no member there", address);
    }

    private void WithWireInput(Action apply)
    {
        try
        {
            apply();
        }
        catch (FormatException e)
        {
            Log.LogWarning("Dropped a malformed cluster command from {Sender}: {Reason}", Sender, e.Message);
        }
    }

    /// <summary>Adopts a new view: side effects of its events, publication, heartbeat targets, own fate.</summary>
    private void Change(MembershipState next)
    {
        if (ReferenceEquals(next, _state)) return;
        var before = _state;
        _state = next;
        var events = ClusterEventDiff.Between(before, next, _self);
        // A removed incarnation is refused for good; remote death watch terminates actors watched on a downed or removed node.
        foreach (var e in events)
        {
            if (e is MemberRemoved { Member.Node: var removed } && removed != _self) _cluster.Provider.Transport.Quarantine(removed, "removed from the cluster");
        }
        foreach (var node in RemoteDeathWatch.TerminatedNodes(events, _self))
            Context.System.EventStream.Publish(new AddressTerminated(node.Address.ToAddress()));
        _cluster.UpdateState(next);
        _publisher.Tell(new StateChanged(next, events), Self);
        var targets = ReachabilityCheck.HeartbeatTargets(next, _self);
        if (!targets.SetEquals(ReachabilityCheck.HeartbeatTargets(before, _self))) _heartbeat.Tell(new HeartbeatTargetsChanged(targets), Self);
        if (!next.ContentEquals(before)) GossipToOne();
        CheckOwnFate();
    }

    private void CheckOwnFate()
    {
        var me = _state.MemberOf(_self);
        if (me is null && _state.Tombstones.Contains(_self)) ShutDown("removed from the cluster");
        else if (me?.Status == MemberStatus.Down) ShutDown("downed");
        else if (me?.Status == MemberStatus.Exiting && !Timers.IsTimerActive(Tick.ExitingDone))
            Timers.StartSingleTimer(Tick.ExitingDone, Tick.ExitingDone, _settings.ExitingDelay);
    }

    private IActorRef CoreAt(NodeAddress address)
    {
        if (!_cores.TryGetValue(address, out var core))
            _cores[address] = core = Context.System.Provider.ResolveActorRef($"{address.ToAddress()}/system/cluster/{Name}");
        return core;
    }
}
