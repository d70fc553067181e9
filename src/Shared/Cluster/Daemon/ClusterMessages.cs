using System.Collections.Immutable;
using Troupe.Actors;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Membership.Events;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Daemon;

/// <summary>The messages between the <see cref="Cluster"/> extension and its daemon actors (never on the wire).</summary>
internal static class ClusterMessages
{
    /// <summary>Join the cluster through these seed nodes (the first one forms it when no other answers).</summary>
    public sealed record JoinSeedNodes(ImmutableArray<Address> Seeds);

    /// <summary>Join the cluster the node at <paramref name="Address"/> belongs to (self: form a new one).</summary>
    public sealed record JoinTo(Address Address);

    public sealed record LeaveNode(Address Address);

    public sealed record DownNode(Address Address);

    public sealed record Subscribe(IActorRef Subscriber, SubscriptionInitialStateMode Mode, ImmutableArray<Type> To);

    /// <summary>Ends a subscription: to one event type, or to all when <paramref name="To"/> is null.</summary>
    public sealed record Unsubscribe(IActorRef Subscriber, Type? To);

    public sealed record SendCurrentState(IActorRef Receiver);

    /// <summary>Core → publisher: the new view and the events that led to it.</summary>
    public sealed record StateChanged(MembershipState State, IReadOnlyList<ClusterEvent> Events);

    /// <summary>Core → heartbeat: the nodes to monitor now.</summary>
    public sealed record HeartbeatTargetsChanged(ImmutableSortedSet<UniqueAddress> Targets);

    /// <summary>Heartbeat: a target that never answered is monitored anyway from now on.</summary>
    public sealed record ExpectFirstResponse(UniqueAddress Node);

    public sealed record Tick(string Name)
    {
        public static readonly Tick Gossip = new("gossip");
        public static readonly Tick LeaderActions = new("leader-actions");
        public static readonly Tick Reap = new("reap");
        public static readonly Tick Join = new("join");
        public static readonly Tick SeedTimeout = new("seed-timeout");
        public static readonly Tick ExitingDone = new("exiting-done");
        public static readonly Tick Heartbeat = new("heartbeat");
    }
}
