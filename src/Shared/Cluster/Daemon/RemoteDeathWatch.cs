using Troupe.Cluster.Membership;
using Troupe.Cluster.Membership.Events;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Daemon;

/// <summary>
/// Which nodes' watched actors a view change terminates (Akka's AddressTerminated): a node the first time it is
/// seen Down, or Removed without having been seen Down (it left, or the Down was gossiped together with the removal).
/// Once per incarnation: AddressTerminated names an address, not a uid, and a restarted node may already have joined
/// at the same address while its old incarnation waits to be removed; a second AddressTerminated at the removal would
/// terminate the watches on the new incarnation's actors.
/// </summary>
internal static class RemoteDeathWatch
{
    public static IEnumerable<UniqueAddress> TerminatedNodes(IEnumerable<ClusterEvent> events, UniqueAddress self)
    {
        foreach (var e in events)
        {
            if (e is not MemberEvent { Member.Node: var node } || node == self) continue;
            if (e is MemberDowned) yield return node;
            else if (e is MemberRemoved { PreviousStatus: not MemberStatus.Down }) yield return node;
        }
    }
}
