namespace Troupe.Cluster.Membership.Events;

/// <summary>A member left the membership for good; <paramref name="PreviousStatus"/> tells whether it left (Exiting) or was downed (Down).</summary>
public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : MemberEvent(Member);
