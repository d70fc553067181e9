using System.Collections.Immutable;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Protocol.Cluster;

namespace Troupe.Cluster.Membership;

/// <summary>
/// Between a <see cref="MembershipState"/> and its wire form (<see cref="GossipData"/>). Reachability travels
/// as one version record per observer plus one Unreachable record per (observer, subject). Reading validates
/// everything and throws <see cref="FormatException"/> on a malformed view, so bad input never reaches the state.
/// </summary>
public static class GossipConverter
{
    public static GossipData ToProto(MembershipState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var data = new GossipData();
        foreach (var member in state.Members.Values)
        {
            var m = new MemberData { Node = member.Node.ToProto(), Status = (MemberStatusData)member.Status, UpNumber = member.UpNumber };
            m.Roles.Add(member.Roles);
            data.Members.Add(m);
        }
        data.Tombstones.Add(state.Tombstones.OrderBy(t => t).Select(t => t.ToProto()));
        foreach (var (observer, rows) in state.Reachability.Observers)
        {
            var o = observer.ToProto();
            data.ObserverVersions.Add(new ObserverVersionData { Observer = o, Version = rows.Version });
            foreach (var subject in rows.Unreachable)
                data.Reachability.Add(new ReachabilityRecordData
                {
                    Observer = o, Subject = subject.ToProto(), Status = ReachabilityStatusData.ReachabilityUnreachable, Version = rows.Version,
                });
        }
        data.Seen.Add(state.SeenBy.OrderBy(s => s).Select(s => s.ToProto()));
        return data;
    }

    /// <exception cref="FormatException">a malformed address, status, duplicate member or reachability record.</exception>
    public static MembershipState FromProto(GossipData? data)
    {
        if (data is null) throw new FormatException("expected a gossip, got none");
        var members = new Dictionary<UniqueAddress, Member>();
        foreach (var m in data.Members)
        {
            var node = UniqueAddress.FromProto(m.Node);
            if (!Enum.IsDefined((MemberStatus)m.Status) || m.Status == MemberStatusData.MemberStatusRemoved)
                throw new FormatException($"expected a live member status, got {m.Status} for {node}");
            if (m.UpNumber < 0) throw new FormatException($"expected a non-negative up-number, got {m.UpNumber} for {node}");
            if (!members.TryAdd(node, new Member(node, (MemberStatus)m.Status, m.Roles, m.UpNumber)))
                throw new FormatException($"expected each member once, got {node} twice");
        }
        var tombstones = data.Tombstones.Select(UniqueAddress.FromProto).ToImmutableHashSet();
        var observers = new Dictionary<UniqueAddress, ObserverRows>();
        foreach (var v in data.ObserverVersions)
        {
            var observer = UniqueAddress.FromProto(v.Observer);
            if (v.Version < 0 || !observers.TryAdd(observer, new ObserverRows(v.Version, ImmutableSortedSet<UniqueAddress>.Empty)))
                throw new FormatException($"expected one non-negative version per observer, got {v.Version} for {observer}");
        }
        foreach (var r in data.Reachability)
        {
            var observer = UniqueAddress.FromProto(r.Observer);
            if (!observers.TryGetValue(observer, out var rows) || rows.Version != r.Version)
                throw new FormatException($"expected a reachability record matching its observer's version, got v{r.Version} for {observer}");
            if (r.Status != ReachabilityStatusData.ReachabilityUnreachable) continue;
            observers[observer] = rows with { Unreachable = rows.Unreachable.Add(UniqueAddress.FromProto(r.Subject)) };
        }
        var seen = data.Seen.Select(UniqueAddress.FromProto);
        return MembershipState.Create(members.Values, tombstones, Reachability.Create(observers), seen);
    }
}
