using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Membership.Events;

/// <summary>The leader in this node's view changed; null when there is none.</summary>
public sealed record LeaderChanged(UniqueAddress? Leader) : ClusterEvent;
