using Troupe.Cluster.Membership;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Tests.Support;

/// <summary>Fixed incarnations in address order: A &lt; B &lt; C &lt; D &lt; E.</summary>
public static class Nodes
{
    public static readonly UniqueAddress A = Node(1);
    public static readonly UniqueAddress B = Node(2);
    public static readonly UniqueAddress C = Node(3);
    public static readonly UniqueAddress D = Node(4);
    public static readonly UniqueAddress E = Node(5);

    public static UniqueAddress Node(int port, ulong uid = 0) =>
        new(new NodeAddress("sys", "10.0.0.1", 2550 + port), uid == 0 ? (ulong)(1000 + port) : uid);

    /// <summary>A view where the given nodes are Up (up-numbers in the given order), seen by all of them.</summary>
    public static MembershipState Up(params UniqueAddress[] nodes) => Up(nodes.Select(n => (n, Array.Empty<string>())).ToArray());

    public static MembershipState Up(params (UniqueAddress Node, string[] Roles)[] nodes)
    {
        var members = nodes.Select((n, i) => new Member(n.Node, MemberStatus.Up, n.Roles, i + 1));
        return MembershipState.Create(members, [], Reachability.Empty, nodes.Select(n => n.Node));
    }
}
