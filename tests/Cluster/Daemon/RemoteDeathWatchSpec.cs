using Troupe.Cluster.Daemon;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Membership.Events;
using Troupe.Cluster.Remote.Addressing;
using static Troupe.Cluster.Tests.Support.Nodes;

namespace Troupe.Cluster.Tests.Daemon;

public class RemoteDeathWatchSpec
{
    private static readonly MembershipSettings Settings = MembershipSettings.Default;

    private static IReadOnlyList<UniqueAddress> Terminated(MembershipState before, MembershipState after) =>
        RemoteDeathWatch.TerminatedNodes(ClusterEventDiff.Between(before, after, A), A).ToList();

    [Fact]
    public void A_downed_node_must_terminate_its_watches_once_and_not_again_when_removed()
    {
        var up = Up(A, B);
        var downed = up.Down(B, A);
        var removed = downed.LeaderActions(A, Settings);
        removed.MemberOf(B).Should().BeNull("the leader removes a Down member");

        Terminated(up, downed).Should().Equal(B);
        Terminated(downed, removed).Should().BeEmpty("its watches ended at the Down");
    }

    [Fact]
    public void Removing_an_old_incarnation_must_not_terminate_watches_on_its_successor_at_the_same_address()
    {
        var restarted = Node(2, uid: 77);                        // B's address, a new uid
        var downed = Up(A, B).Down(B, A);
        var both = downed.Join(restarted, ["worker"], A);        // the restarted node joins before the old one is removed
        var removed = both.LeaderActions(A, Settings);
        removed.MemberOf(B).Should().BeNull("the old incarnation is removed");
        removed.MemberOf(restarted).Should().NotBeNull();

        Terminated(both, removed).Should().BeEmpty();
    }

    [Fact]
    public void A_node_removed_without_a_Down_must_terminate_its_watches()
    {
        var up = Up(A, B);
        var gone = MembershipState.Create([up.MemberOf(A)!], [B], Reachability.Empty, [A]);

        Terminated(up, gone).Should().Equal(B);
    }

    [Fact]
    public void The_node_itself_must_never_be_terminated()
    {
        var up = Up(A, B);

        Terminated(up, up.Down(A, A)).Should().BeEmpty();
    }
}
