using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Cluster.FailureDetection;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Protocol.Cluster;
using Troupe.Protocol.Remote;
using static Troupe.Cluster.Daemon.ClusterMessages;

namespace Troupe.Cluster.Daemon;

/// <summary>
/// <c>/system/cluster/heartbeat</c>: every heartbeat interval sends a <see cref="ClusterHeartbeat"/> to the
/// heartbeat actor of each monitored node and feeds the answers of that exact incarnation into the phi-accrual
/// registry; answers every heartbeat it receives. A target that never answers is monitored anyway after
/// expected-response-after, so it is eventually suspected too.
/// </summary>
internal sealed class ClusterHeartbeatActor : ReceiveActor
{
    public const string Name = "heartbeat";

    private readonly UniqueAddress _self;
    private readonly UniqueAddressData _selfData;
    private readonly FailureDetectorRegistry<UniqueAddress> _registry;
    private readonly ClusterSettings _settings;
    private readonly Dictionary<UniqueAddress, IActorRef> _refs = new();
    private ImmutableSortedSet<UniqueAddress> _targets = ImmutableSortedSet<UniqueAddress>.Empty;
    private long _sequence;

    public ClusterHeartbeatActor(UniqueAddress self, FailureDetectorRegistry<UniqueAddress> registry, ClusterSettings settings)
    {
        _self = self;
        _selfData = self.ToProto();
        _registry = registry;
        _settings = settings;
        Receive<ClusterHeartbeat>(h => Sender.Tell(new ClusterHeartbeatResponse { From = _selfData, Sequence = h.Sequence }, Self));
        Receive<ClusterHeartbeatResponse>(OnResponse);
        Receive<Tick>(t => t == Tick.Heartbeat, _ => SendHeartbeats());
        Receive<HeartbeatTargetsChanged>(OnTargets);
        Receive<ExpectFirstResponse>(e =>
        {
            if (!_targets.Contains(e.Node) || _registry.IsMonitoring(e.Node)) return;
            Log.LogInformation("No heartbeat answer from {Node} within {After}; monitoring it anyway", e.Node, _settings.ExpectedResponseAfter);
            _registry.HeartBeat(e.Node);
        });
    }

    protected override void PreStart() =>
        Timers.StartPeriodicTimer(Tick.Heartbeat, Tick.Heartbeat, _settings.FailureDetector.HeartbeatInterval);

    private void SendHeartbeats()
    {
        foreach (var target in _targets)
        {
            if (!_refs.TryGetValue(target, out var to))
                _refs[target] = to = Context.System.Provider.ResolveActorRef($"{target.Address.ToAddress()}/system/cluster/{Name}");
            to.Tell(new ClusterHeartbeat { From = _selfData, Sequence = ++_sequence }, Self);
        }
    }

    private void OnResponse(ClusterHeartbeatResponse response)
    {
        UniqueAddress from;
        try
        {
            from = UniqueAddress.FromProto(response.From);
        }
        catch (FormatException e)
        {
            Log.LogWarning("Dropped a malformed heartbeat response from {Sender}: {Reason}", Sender, e.Message);
            return;
        }
        if (_targets.Contains(from)) _registry.HeartBeat(from);
    }

    private void OnTargets(HeartbeatTargetsChanged changed)
    {
        foreach (var gone in _targets.Except(changed.Targets))
        {
            _registry.Remove(gone);
            _refs.Remove(gone);
            Timers.Cancel(new ExpectFirstResponse(gone));
        }
        foreach (var added in changed.Targets.Except(_targets))
        {
            var expect = new ExpectFirstResponse(added);
            Timers.StartSingleTimer(expect, expect, _settings.ExpectedResponseAfter + _settings.FailureDetector.HeartbeatInterval);
        }
        _targets = changed.Targets;
    }
}
