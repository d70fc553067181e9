using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Membership.Events;

/// <summary>
/// The events that turn one view into the next, from one node's perspective: status changes per member
/// (a member seen for the first time in a later status yields that status's event), removals (tombstones),
/// reachability changes (not for self, nor for members already Exiting or Down, whose departure is expected)
/// and leader changes.
/// </summary>
public static class ClusterEventDiff
{
    public static IReadOnlyList<ClusterEvent> Between(MembershipState before, MembershipState after, UniqueAddress self)
    {
        var events = new List<ClusterEvent>();
        foreach (var member in after.Members.Values)
        {
            var old = before.MemberOf(member.Node);
            if (old is not null && old.Status == member.Status) continue;
            ClusterEvent? e = member.Status switch
            {
                MemberStatus.Joining => new MemberJoined(member),
                MemberStatus.Up => new MemberUp(member),
                MemberStatus.Leaving => new MemberLeft(member),
                MemberStatus.Exiting => new MemberExited(member),
                MemberStatus.Down => new MemberDowned(member),
                _ => null,
            };
            if (e is not null) events.Add(e);
        }
        foreach (var gone in before.Members.Values.Where(m => !after.Members.ContainsKey(m.Node) && after.Tombstones.Contains(m.Node)))
            events.Add(new MemberRemoved(gone.WithStatus(MemberStatus.Removed), gone.Status));

        var unreachableBefore = before.Unreachable.Select(m => m.Node).ToHashSet();
        var unreachableAfter = after.Unreachable;
        foreach (var member in unreachableAfter)
            if (!unreachableBefore.Contains(member.Node) && member.Node != self && member.Status is not (MemberStatus.Exiting or MemberStatus.Down))
                events.Add(new UnreachableMember(member));
        var unreachableNow = unreachableAfter.Select(m => m.Node).ToHashSet();
        foreach (var node in unreachableBefore)
            if (!unreachableNow.Contains(node) && after.MemberOf(node) is { } member && member.Node != self)
                events.Add(new ReachableMember(member));

        var leaderBefore = before.Leader(self);
        var leaderAfter = after.Leader(self);
        if (leaderBefore != leaderAfter) events.Add(new LeaderChanged(leaderAfter));
        return events;
    }
}
