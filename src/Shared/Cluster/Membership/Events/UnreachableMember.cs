namespace Troupe.Cluster.Membership.Events;

/// <summary>Some member's failure detector suspects <paramref name="Member"/>.</summary>
public sealed record UnreachableMember(Member Member) : ClusterEvent;
