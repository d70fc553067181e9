namespace Troupe.Cluster.Membership.Events;

/// <summary>A member is Exiting: it will be removed.</summary>
public sealed record MemberExited(Member Member) : MemberEvent(Member);
