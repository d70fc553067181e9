using System.Collections.Immutable;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Membership.Events;

/// <summary>The snapshot a new subscriber receives first, before any later event.</summary>
public sealed record CurrentClusterState(
    ImmutableSortedSet<Member> Members,
    ImmutableSortedSet<Member> Unreachable,
    UniqueAddress? Leader,
    ImmutableHashSet<UniqueAddress> SeenBy) : ClusterEvent
{
    public static CurrentClusterState Of(MembershipState state, UniqueAddress self) => new(
        state.Members.Values.ToImmutableSortedSet(MemberOrder.Instance), state.Unreachable, state.Leader(self), state.SeenBy);
}
