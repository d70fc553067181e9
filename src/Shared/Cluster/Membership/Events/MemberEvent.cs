namespace Troupe.Cluster.Membership.Events;

/// <summary>A member changed status; <see cref="Member"/> carries the new status.</summary>
public abstract record MemberEvent(Member Member) : ClusterEvent;
