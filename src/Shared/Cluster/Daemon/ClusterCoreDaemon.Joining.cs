using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Protocol.Cluster;
using static Troupe.Cluster.Daemon.ClusterMessages;
using JoinMessage = Troupe.Protocol.Cluster.Join;

namespace Troupe.Cluster.Daemon;

/// <summary>The seed-node process of <see cref="ClusterCoreDaemon"/>.</summary>
internal sealed partial class ClusterCoreDaemon
{
    private void StartJoining(SeedNodePlan plan)
    {
        if (plan.Seeds.IsEmpty)
        {
            Log.LogWarning("JoinSeedNodes with no seed nodes ignored");
            return;
        }
        if (plan.JoinSelfImmediately)
        {
            JoinSelf();
            return;
        }
        Log.LogInformation("Joining through seed nodes [{Seeds}]", string.Join(", ", plan.Seeds));
        Timers.StartPeriodicTimer(Tick.Join, Tick.Join, TimeSpan.Zero, _settings.JoinRetryInterval);
        if (plan.MayJoinSelf) Timers.StartSingleTimer(Tick.SeedTimeout, Tick.SeedTimeout, _settings.SeedNodeTimeout);
        Become(() =>
        {
            Receive<Tick>(t => t == Tick.Join, _ =>
            {
                foreach (var seed in plan.Contacts) CoreAt(seed.ToNodeAddress()).Tell(new InitJoin { From = _self.ToProto() }, Self);
            });
            Receive<Tick>(t => t == Tick.SeedTimeout, _ =>
            {
                Log.LogInformation("No other seed answered within {Timeout}; forming a new cluster", _settings.SeedNodeTimeout);
                JoinSelf();
            });
            Receive<InitJoinAck>(_ =>
            {
                var join = new JoinMessage { Node = _self.ToProto() };
                join.Roles.Add(_settings.Roles);
                Sender.Tell(join, Self);
            });
            Receive<InitJoinNack>(_ => { });
            Receive<Welcome>(OnWelcome);
            Receive<GossipEnvelope>(g => WithWireInput(() =>
            {
                // A lost Welcome: gossip that already holds this node serves as well.
                if (UniqueAddress.FromProto(g.To) != _self) return;
                var gossip = GossipConverter.FromProto(g.Gossip);
                if (gossip.Members.ContainsKey(_self)) Welcomed(gossip);
            }));
            Receive<JoinMessage>(_ => Log.LogInformation("Join from {Sender} ignored: not a member yet", Sender));
            Receive<JoinSeedNodes>(_ => Log.LogInformation("Already joining; JoinSeedNodes ignored"));
            Receive<JoinTo>(_ => Log.LogInformation("Already joining; Join ignored"));
            NotAMember();
        });
    }

    private void OnWelcome(Welcome welcome)
    {
        MembershipState gossip;
        try
        {
            gossip = GossipConverter.FromProto(welcome.Gossip);
        }
        catch (FormatException e)
        {
            Log.LogWarning("Dropped a malformed Welcome from {Sender}: {Reason}", Sender, e.Message);
            return;
        }
        if (gossip.Members.ContainsKey(_self)) Welcomed(gossip);
        else Log.LogWarning("Welcome from {Sender} does not hold {Self}; still joining", Sender, _self);
    }

    private void Welcomed(MembershipState gossip)
    {
        BecomeMember();
        Change(gossip.Seen(_self));
    }

    private void JoinSelf()
    {
        BecomeMember();
        Change(MembershipState.Empty.Join(_self, _settings.Roles, _self));
    }
}
