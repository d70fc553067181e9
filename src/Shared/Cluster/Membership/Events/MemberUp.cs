namespace Troupe.Cluster.Membership.Events;

/// <summary>A member is Up: it may be given work.</summary>
public sealed record MemberUp(Member Member) : MemberEvent(Member);
