using System.Collections.Immutable;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.FailureDetection;

/// <summary>
/// Turns this node's failure-detector verdicts into its own reachability rows (Akka's unreachable reaper), and
/// names the nodes it monitors. Pure: the verdicts come in as a function.
/// </summary>
public static class ReachabilityCheck
{
    /// <summary>
    /// <paramref name="self"/>'s rows updated: a member it monitors that is no longer available is marked
    /// unreachable, one marked unreachable that is available again is marked reachable. Unchanged (same instance)
    /// when nothing changed.
    /// </summary>
    public static MembershipState Apply(MembershipState state, UniqueAddress self, Func<UniqueAddress, bool> isAvailable)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(isAvailable);
        if (!state.Members.ContainsKey(self)) return state;
        var mine = state.Reachability.UnreachableFrom(self);
        var next = state;
        foreach (var member in state.Members.Values)
        {
            if (member.Node == self) continue;
            var available = isAvailable(member.Node);
            if (!available && !mine.Contains(member.Node)) next = next.MarkUnreachable(self, member.Node);
            else if (available && mine.Contains(member.Node)) next = next.MarkReachable(self, member.Node);
        }
        return next;
    }

    /// <summary>Every member but <paramref name="self"/>: in clusters of a few dozen nodes each node monitors all others.</summary>
    public static ImmutableSortedSet<UniqueAddress> HeartbeatTargets(MembershipState state, UniqueAddress self) =>
        state.Members.Keys.Where(n => n != self).ToImmutableSortedSet();
}
