namespace Troupe.Cluster.Membership.Events;

/// <summary>What a new subscriber receives before the events that follow (Akka's <c>ClusterEvent.SubscriptionInitialStateMode</c>).</summary>
public enum SubscriptionInitialStateMode
{
    /// <summary>One <see cref="CurrentClusterState"/>.</summary>
    InitialStateAsSnapshot,
    /// <summary>The events that build the current state from nothing (MemberUp per Up member, UnreachableMember, …), of the subscribed types only.</summary>
    InitialStateAsEvents,
}
