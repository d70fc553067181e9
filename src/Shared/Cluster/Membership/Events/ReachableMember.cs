namespace Troupe.Cluster.Membership.Events;

/// <summary>A member that was unreachable is reachable again for every observer.</summary>
public sealed record ReachableMember(Member Member) : ClusterEvent;
