namespace Troupe.Cluster.Membership.Events;

/// <summary>A member is Leaving (graceful leave started).</summary>
public sealed record MemberLeft(Member Member) : MemberEvent(Member);
