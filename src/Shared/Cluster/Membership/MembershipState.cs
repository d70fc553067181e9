using System.Collections.Immutable;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Membership;

/// <summary>
/// One node's view of the cluster, as an immutable value; every membership decision is a pure function on it.
/// <para><b>Convergence model (gossip + leader actions, Akka's).</b> Views spread by gossip and are combined with
/// <see cref="Merge"/>, a join: member statuses merge to the later lifecycle status, removed incarnations are
/// kept as tombstones, and reachability merges per observer by version. So views that have seen the same
/// events are equal, whatever the order. A view records who has seen it (<see cref="SeenBy"/>); it has
/// <em>converged</em> when every reachable Up/Leaving member has seen it and every unreachable member is Down
/// or Exiting. Only then does the <em>leader</em> (the lowest-address reachable Up/Leaving member) move members
/// on: Joining → Up (respecting min-nr-of-members), Leaving → Exiting, Exiting and Down → Removed. Joining,
/// leaving, downing and reachability changes can be made by any node at any time; they are monotonic, so they
/// survive merging.</para>
/// </summary>
public sealed class MembershipState
{
    public static MembershipState Empty { get; } = new(
        ImmutableSortedDictionary<UniqueAddress, Member>.Empty, ImmutableHashSet<UniqueAddress>.Empty,
        Reachability.Empty, ImmutableHashSet<UniqueAddress>.Empty);

    private MembershipState(ImmutableSortedDictionary<UniqueAddress, Member> members, ImmutableHashSet<UniqueAddress> tombstones,
        Reachability reachability, ImmutableHashSet<UniqueAddress> seenBy)
    {
        Members = members;
        Tombstones = tombstones;
        Reachability = reachability;
        SeenBy = seenBy;
    }

    /// <summary>Members not yet removed, by unique address (so in address order).</summary>
    public ImmutableSortedDictionary<UniqueAddress, Member> Members { get; }

    /// <summary>Removed incarnations; they never come back (a restarted node joins with a new uid).</summary>
    public ImmutableHashSet<UniqueAddress> Tombstones { get; }

    public Reachability Reachability { get; }

    /// <summary>Members known to have seen exactly this view.</summary>
    public ImmutableHashSet<UniqueAddress> SeenBy { get; }

    public Member? MemberOf(UniqueAddress node) => Members.GetValueOrDefault(node);

    /// <summary>The live (not removed) incarnation at an address, if any.</summary>
    public Member? MemberAt(NodeAddress address) => Members.Values.FirstOrDefault(m => m.Address == address);

    /// <summary>Members some live observer finds unreachable (observers that are Down do not count).</summary>
    public ImmutableSortedSet<Member> Unreachable =>
        Reachability.Observers
            .Where(o => Members.TryGetValue(o.Key, out var observer) && observer.Status != MemberStatus.Down)
            .SelectMany(o => o.Value.Unreachable)
            .Where(Members.ContainsKey)
            .Select(s => Members[s])
            .ToImmutableSortedSet(MemberOrder.Instance);

    public bool IsReachable(UniqueAddress node) => !Unreachable.Any(m => m.Node == node);

    /// <summary>Adds a Joining member. A new incarnation at the address of a live one downs the old one.</summary>
    public MembershipState Join(UniqueAddress node, IEnumerable<string> roles, UniqueAddress self)
    {
        if (Tombstones.Contains(node) || Members.ContainsKey(node)) return this;
        var members = Members;
        if (MemberAt(node.Address) is { } previous && previous.Status != MemberStatus.Down)
            members = members.SetItem(previous.Node, previous.WithStatus(MemberStatus.Down));
        return Changed(members.Add(node, new Member(node, MemberStatus.Joining, roles)), Tombstones, Reachability, self);
    }

    /// <summary>Joining/Up → Leaving; no change for other states or unknown addresses.</summary>
    public MembershipState Leave(NodeAddress address, UniqueAddress self)
    {
        if (MemberAt(address) is not { Status: MemberStatus.Joining or MemberStatus.Up } member) return this;
        return Changed(Members.SetItem(member.Node, member.WithStatus(MemberStatus.Leaving)), Tombstones, Reachability, self);
    }

    /// <summary>Any live status → Down.</summary>
    public MembershipState Down(UniqueAddress node, UniqueAddress self)
    {
        if (MemberOf(node) is not { } member || member.Status == MemberStatus.Down) return this;
        return Changed(Members.SetItem(node, member.WithStatus(MemberStatus.Down)), Tombstones, Reachability, self);
    }

    public MembershipState MarkUnreachable(UniqueAddress observer, UniqueAddress subject)
    {
        if (!Members.ContainsKey(subject) || observer == subject) return this;
        var next = Reachability.MarkUnreachable(observer, subject);
        return ReferenceEquals(next, Reachability) ? this : Changed(Members, Tombstones, next, observer);
    }

    public MembershipState MarkReachable(UniqueAddress observer, UniqueAddress subject)
    {
        var next = Reachability.MarkReachable(observer, subject);
        return ReferenceEquals(next, Reachability) ? this : Changed(Members, Tombstones, next, observer);
    }

    /// <summary>Records that <paramref name="node"/> has seen this view.</summary>
    public MembershipState Seen(UniqueAddress node) =>
        SeenBy.Contains(node) ? this : new MembershipState(Members, Tombstones, Reachability, SeenBy.Add(node));

    /// <summary>
    /// The join of two views, as seen by <paramref name="self"/>. Seen-sets carry over from whichever side already
    /// equals the result.
    /// </summary>
    public MembershipState Merge(MembershipState other, UniqueAddress self)
    {
        var tombstones = Tombstones.Union(other.Tombstones);
        var members = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, Member>();
        foreach (var member in Members.Values.Concat(other.Members.Values))
        {
            if (tombstones.Contains(member.Node)) continue;
            members[member.Node] = members.TryGetValue(member.Node, out var known) ? Member.Merge(known, member) : member;
        }
        var merged = members.ToImmutable();
        var reachability = Reachability.Merge(other.Reachability).Prune(merged.ContainsKey);
        var result = new MembershipState(merged, tombstones, reachability, ImmutableHashSet<UniqueAddress>.Empty);
        var seen = ImmutableHashSet.Create(self);
        if (result.ContentEquals(this)) seen = seen.Union(SeenBy);
        if (result.ContentEquals(other)) seen = seen.Union(other.SeenBy);
        return new MembershipState(merged, tombstones, reachability, seen);
    }

    /// <summary>Whether this view has converged (see the type's remarks); judged by <paramref name="self"/>.</summary>
    public bool IsConvergent(UniqueAddress self)
    {
        var unreachable = Unreachable;
        if (unreachable.Any(m => m.Node != self && m.Status is not (MemberStatus.Down or MemberStatus.Exiting))) return false;
        return Members.Values.All(m =>
            m.Status is not (MemberStatus.Up or MemberStatus.Leaving) || SeenBy.Contains(m.Node) || unreachable.Contains(m));
    }

    /// <summary>
    /// The lowest-address member that is reachable (from this view; <paramref name="self"/> always is) and not
    /// Down or Exiting, preferring Up/Leaving members; null when there is none.
    /// </summary>
    public UniqueAddress? Leader(UniqueAddress self)
    {
        var unreachable = Unreachable;
        var candidates = Members.Values
            .Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Exiting) && (m.Node == self || !unreachable.Contains(m)))
            .ToList();
        return (candidates.FirstOrDefault(m => m.Status is MemberStatus.Up or MemberStatus.Leaving) ?? candidates.FirstOrDefault())?.Node;
    }

    /// <summary>
    /// What the leader does on a converged view: Joining → Up (once min-nr-of-members holds), Leaving → Exiting,
    /// Exiting and Down → Removed (tombstoned). Unchanged when <paramref name="self"/> is not the leader or the
    /// view has not converged.
    /// </summary>
    public MembershipState LeaderActions(UniqueAddress self, MembershipSettings settings)
    {
        if (Leader(self) != self || !IsConvergent(self)) return this;
        var members = Members;
        var tombstones = Tombstones;
        foreach (var member in Members.Values)
        {
            switch (member.Status)
            {
                case MemberStatus.Down:
                case MemberStatus.Exiting:
                    members = members.Remove(member.Node);
                    tombstones = tombstones.Add(member.Node);
                    break;
                case MemberStatus.Leaving:
                    members = members.SetItem(member.Node, member.WithStatus(MemberStatus.Exiting));
                    break;
            }
        }
        if (IsMinNrOfMembersFulfilled(settings))
        {
            var upNumber = Members.Values.Select(m => m.UpNumber).DefaultIfEmpty(0).Max();
            foreach (var joining in Members.Values.Where(m => m.Status == MemberStatus.Joining))
                members = members.SetItem(joining.Node, joining.WithStatus(MemberStatus.Up) with { UpNumber = ++upNumber });
        }
        if (members == Members && tombstones == Tombstones) return this;
        return Changed(members, tombstones, Reachability.Prune(members.ContainsKey), self);
    }

    public bool IsMinNrOfMembersFulfilled(MembershipSettings settings) =>
        Members.Count >= settings.MinNrOfMembers
        && settings.MinNrOfMembersPerRole.All(r => Members.Values.Count(m => m.HasRole(r.Key)) >= r.Value);

    /// <summary>Equal members, tombstones and reachability (seen-sets aside).</summary>
    public bool ContentEquals(MembershipState other) =>
        Members.Count == other.Members.Count
        && Members.All(p => other.Members.TryGetValue(p.Key, out var theirs) && p.Value.Equals(theirs))
        && Tombstones.SetEquals(other.Tombstones)
        && Reachability.ContentEquals(other.Reachability);

    /// <summary>Rebuilds a view from its parts (deserialization).</summary>
    public static MembershipState Create(IEnumerable<Member> members, IEnumerable<UniqueAddress> tombstones, Reachability reachability, IEnumerable<UniqueAddress> seenBy) =>
        new(members.ToImmutableSortedDictionary(m => m.Node, m => m), tombstones.ToImmutableHashSet(), reachability, seenBy.ToImmutableHashSet());

    public override string ToString() =>
        $"Membership([{string.Join(", ", Members.Values)}], unreachable=[{string.Join(", ", Unreachable.Select(m => m.Node))}], seen={SeenBy.Count})";

    private static MembershipState Changed(ImmutableSortedDictionary<UniqueAddress, Member> members, ImmutableHashSet<UniqueAddress> tombstones,
        Reachability reachability, UniqueAddress self) =>
        new(members, tombstones, reachability, ImmutableHashSet.Create(self));
}
