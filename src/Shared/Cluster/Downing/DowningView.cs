using System.Collections.Immutable;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Downing;

/// <summary>
/// The two sides of a partition as one node sees them: members (not Down) it can reach, and members (not Down)
/// it cannot. Members already Down do not count on either side.
/// </summary>
public sealed record DowningView(ImmutableSortedSet<Member> Reachable, ImmutableSortedSet<Member> Unreachable, UniqueAddress Self)
{
    public static DowningView Of(MembershipState state, UniqueAddress self)
    {
        var unreachable = state.Unreachable.Where(m => m.Node != self && m.Status != MemberStatus.Down).ToImmutableSortedSet(MemberOrder.Instance);
        var reachable = state.Members.Values.Where(m => m.Status != MemberStatus.Down && !unreachable.Contains(m)).ToImmutableSortedSet(MemberOrder.Instance);
        return new DowningView(reachable, unreachable, self);
    }
}
