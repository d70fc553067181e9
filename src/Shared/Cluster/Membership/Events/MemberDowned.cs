namespace Troupe.Cluster.Membership.Events;

/// <summary>A member is Down: it is (or will be treated as) gone and will be removed.</summary>
public sealed record MemberDowned(Member Member) : MemberEvent(Member);
