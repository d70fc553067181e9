using System.Collections.Immutable;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Membership.Events;
using Troupe.Cluster.Remote.Addressing;
using static Troupe.Cluster.Tests.Support.Nodes;

namespace Troupe.Cluster.Tests.Membership;

public class MembershipStateSpec
{
    private static readonly MembershipSettings Settings = MembershipSettings.Default;

    /// <summary>Gossips <paramref name="state"/> from its holder to every node and back until all views agree.</summary>
    private static MembershipState SeenByAll(MembershipState state, params UniqueAddress[] nodes) =>
        nodes.Aggregate(state, (s, n) => s.Seen(n));

    [Fact]
    public void First_node_must_join_itself_and_be_moved_up_by_its_own_leader_action()
    {
        var state = MembershipState.Empty.Join(A, ["coordinator"], A);
        state.MemberOf(A)!.Status.Should().Be(MemberStatus.Joining);
        state.Leader(A).Should().Be(A);
        var up = state.LeaderActions(A, Settings);
        up.MemberOf(A)!.Status.Should().Be(MemberStatus.Up);
        up.MemberOf(A)!.UpNumber.Should().Be(1);
        ClusterEventDiff.Between(state, up, A).Should().ContainEquivalentOf(new MemberUp(up.MemberOf(A)!));
    }

    [Fact]
    public void Leader_must_wait_for_convergence_before_moving_joining_members_up()
    {
        var state = Up(A, B).Join(C, [], B);       // B accepted C's join; A has not seen it
        state.LeaderActions(A, Settings).MemberOf(C)!.Status.Should().Be(MemberStatus.Joining);
        var merged = Up(A, B).Merge(state, A);     // gossip reaches A: seen by A and B
        merged.SeenBy.Should().BeEquivalentTo([A, B]);
        merged.IsConvergent(A).Should().BeTrue();
        var after = merged.LeaderActions(A, Settings);
        after.MemberOf(C)!.Status.Should().Be(MemberStatus.Up);
        after.MemberOf(C)!.UpNumber.Should().Be(3);
    }

    [Fact]
    public void Leader_must_be_the_lowest_reachable_up_member_as_seen_by_each_node()
    {
        var state = Up(A, B, C);
        state.Leader(C).Should().Be(A);
        var aUnreachable = state.MarkUnreachable(B, A);
        aUnreachable.Leader(B).Should().Be(B);
        aUnreachable.Leader(A).Should().Be(A, "a node is always reachable to itself");
        state.Down(A, B).Leader(B).Should().Be(B);
    }

    [Fact]
    public void Min_nr_of_members_per_role_must_hold_joining_members_back()
    {
        var settings = new MembershipSettings { MinNrOfMembersPerRole = ImmutableDictionary<string, int>.Empty.Add("worker", 2) };
        var state = MembershipState.Empty.Join(A, ["coordinator"], A).Join(B, ["worker"], A);
        state.LeaderActions(A, settings).Members.Values.Should().OnlyContain(m => m.Status == MemberStatus.Joining);
        var enough = state.Join(C, ["worker"], A).LeaderActions(A, settings);
        enough.Members.Values.Should().OnlyContain(m => m.Status == MemberStatus.Up);
    }

    [Fact]
    public void Graceful_leave_must_go_leaving_exiting_removed_without_an_unreachable_event()
    {
        var s0 = Up(A, B, C);
        var s1 = SeenByAll(s0.Leave(C.Address, C), A, B, C);
        s1.MemberOf(C)!.Status.Should().Be(MemberStatus.Leaving);
        var s2 = SeenByAll(s1.LeaderActions(A, Settings), A, B, C);
        s2.MemberOf(C)!.Status.Should().Be(MemberStatus.Exiting);
        var s3 = s2.LeaderActions(A, Settings);
        s3.MemberOf(C).Should().BeNull();
        s3.Tombstones.Should().Contain(C);

        var events = new[] { (s0, s1), (s1, s2), (s2, s3) }.SelectMany(p => ClusterEventDiff.Between(p.Item1, p.Item2, B)).ToList();
        events.Select(e => e.GetType()).Should().Equal(typeof(MemberLeft), typeof(MemberExited), typeof(MemberRemoved));
        events.OfType<MemberRemoved>().Single().PreviousStatus.Should().Be(MemberStatus.Exiting);
    }

    [Fact]
    public void Unreachable_member_must_block_convergence_until_it_is_down_and_then_be_removed()
    {
        var s0 = Up(A, B, C);
        var s1 = SeenByAll(s0.MarkUnreachable(A, C), A, B);
        ClusterEventDiff.Between(s0, s1, A).Should().ContainSingle().Which.Should().BeOfType<UnreachableMember>();
        s1.IsConvergent(A).Should().BeFalse();
        var s2 = SeenByAll(s1.Down(C, A), A, B);
        s2.IsConvergent(A).Should().BeTrue();
        ClusterEventDiff.Between(s1, s2, A).Should().ContainSingle().Which.Should().BeOfType<MemberDowned>();
        var s3 = s2.LeaderActions(A, Settings);
        s3.MemberOf(C).Should().BeNull();
        s3.Reachability.Observers.Values.Should().OnlyContain(r => r.Unreachable.IsEmpty);
        ClusterEventDiff.Between(s2, s3, A).Should().ContainSingle().Which.Should().Be(new MemberRemoved(s2.MemberOf(C)!.WithStatus(MemberStatus.Removed), MemberStatus.Down));
    }

    [Fact]
    public void Reachable_again_must_produce_a_reachable_member_event_once_no_observer_objects()
    {
        var s0 = Up(A, B, C).MarkUnreachable(A, C).Merge(Up(A, B, C).MarkUnreachable(B, C), A);
        var s1 = s0.MarkReachable(A, C);
        ClusterEventDiff.Between(s0, s1, A).Should().BeEmpty("B still finds C unreachable");
        var s2 = s1.Merge(s0.MarkReachable(B, C), A);
        ClusterEventDiff.Between(s1, s2, A).Should().ContainSingle().Which.Should().BeOfType<ReachableMember>();
    }

    [Fact]
    public void Merge_must_be_commutative_and_idempotent_on_content()
    {
        var x = Up(A, B, C).Join(D, ["worker"], A).MarkUnreachable(A, B);
        var y = Up(A, B, C).Leave(C.Address, C).MarkUnreachable(C, B).Down(B, C);
        x.Merge(y, A).ContentEquals(y.Merge(x, A)).Should().BeTrue();
        var xy = x.Merge(y, A);
        xy.Merge(xy, A).ContentEquals(xy).Should().BeTrue();
        xy.MemberOf(B)!.Status.Should().Be(MemberStatus.Down, "Down wins over Up");
        xy.MemberOf(C)!.Status.Should().Be(MemberStatus.Leaving);
        xy.MemberOf(D)!.Status.Should().Be(MemberStatus.Joining);
    }

    [Fact]
    public void Merge_must_keep_seen_sets_only_for_the_side_equal_to_the_result()
    {
        var older = Up(A, B, C);
        var newer = older.Join(D, [], B).Seen(C);
        var merged = older.Merge(newer, A);
        merged.SeenBy.Should().BeEquivalentTo([A, B, C]);
        older.Merge(older.Seen(B), C).SeenBy.Should().BeEquivalentTo([A, B, C]);
    }

    [Fact]
    public void Tombstoned_incarnation_must_never_come_back_through_a_stale_view()
    {
        var stale = Up(A, B, C);
        var removed = SeenByAll(stale.Down(C, A), A, B).LeaderActions(A, Settings);
        removed.Merge(stale, A).MemberOf(C).Should().BeNull();
        removed.Join(C, [], A).MemberOf(C).Should().BeNull();
    }

    [Fact]
    public void New_incarnation_at_the_same_address_must_down_the_old_one_and_join()
    {
        var restarted = Node(3, uid: 9999);
        var state = Up(A, B, C).Join(restarted, ["worker"], A);
        state.MemberOf(C)!.Status.Should().Be(MemberStatus.Down);
        state.MemberOf(restarted)!.Status.Should().Be(MemberStatus.Joining);
        var next = SeenByAll(state, A, B).LeaderActions(A, Settings);
        next.MemberOf(C).Should().BeNull();
        next.MemberOf(restarted)!.Status.Should().Be(MemberStatus.Up);
    }

    [Fact]
    public void Leaving_leader_must_hand_leadership_to_the_next_lowest_member_when_exiting()
    {
        var s1 = SeenByAll(Up(A, B, C).Leave(A.Address, A), A, B, C);
        s1.Leader(B).Should().Be(A, "a Leaving member can still lead");
        var s2 = s1.LeaderActions(A, Settings);
        s2.MemberOf(A)!.Status.Should().Be(MemberStatus.Exiting);
        s2.Leader(B).Should().Be(B);
        ClusterEventDiff.Between(s1, s2, B).Should().Contain(new LeaderChanged(B));
    }

    [Fact]
    public void Member_must_refuse_transitions_the_lifecycle_does_not_allow()
    {
        var removed = new Member(A, MemberStatus.Down, []);
        var act = () => removed.WithStatus(MemberStatus.Up);
        act.Should().Throw<InvalidOperationException>().WithMessage("expected a transition allowed from Down, got Down -> Up*");
    }

    [Fact]
    public void Snapshot_must_list_members_unreachable_and_leader()
    {
        var state = Up(A, B, C).MarkUnreachable(A, C);
        var snapshot = CurrentClusterState.Of(state, A);
        snapshot.Members.Select(m => m.Node).Should().Equal(A, B, C);
        snapshot.Unreachable.Select(m => m.Node).Should().Equal(C);
        snapshot.Leader.Should().Be(A);
    }
}
