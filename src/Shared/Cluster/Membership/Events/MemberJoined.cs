namespace Troupe.Cluster.Membership.Events;

/// <summary>A member is Joining.</summary>
public sealed record MemberJoined(Member Member) : MemberEvent(Member);
