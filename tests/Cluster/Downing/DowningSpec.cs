using Troupe.Cluster.Downing;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Cluster.Tests.Support;
using static Troupe.Cluster.Tests.Support.Nodes;

namespace Troupe.Cluster.Tests.Downing;

public class DowningSpec
{
    /// <summary><paramref name="self"/>'s view when it can reach exactly <paramref name="side"/>.</summary>
    private static MembershipState Partitioned(MembershipState state, UniqueAddress self, params UniqueAddress[] side) =>
        state.Members.Keys.Where(n => !side.Contains(n)).Aggregate(state, (s, n) => s.MarkUnreachable(self, n));

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, new[] { 4, 5 }, DowningDecision.DownUnreachable)]
    [InlineData(new[] { 4, 5 }, new[] { 1, 2, 3 }, DowningDecision.DownReachable)]
    [InlineData(new[] { 1, 2 }, new[] { 3, 4 }, DowningDecision.DownUnreachable)]  // tie: lowest address (1) is here
    [InlineData(new[] { 3, 4 }, new[] { 1, 2 }, DowningDecision.DownReachable)]    // tie: lowest address is there
    [InlineData(new[] { 1 }, new[] { 2, 3, 4 }, DowningDecision.DownReachable)]
    public void KeepMajority_must_keep_the_larger_side_and_break_ties_by_the_lowest_address(int[] mine, int[] theirs, DowningDecision expected)
    {
        var all = mine.Concat(theirs).Select(p => Node(p)).ToArray();
        var self = Node(mine[0]);
        var view = DowningView.Of(Partitioned(Up(all), self, mine.Select(p => Node(p)).ToArray()), self);
        new KeepMajority().Decide(view).Should().Be(expected);
    }

    [Fact]
    public void KeepMajority_must_not_count_joining_members()
    {
        var state = Up(A, B).Join(C, [], A).Join(D, [], A);
        var view = DowningView.Of(Partitioned(state, A, A), A);   // A alone against B (Up) and C, D (Joining)
        new KeepMajority().Decide(view).Should().Be(DowningDecision.DownUnreachable, "1 against 1, and A is the lowest");
    }

    [Theory]
    [InlineData(true, DowningDecision.DownUnreachable)]
    [InlineData(false, DowningDecision.DownReachable)]
    public void CoordinatorDecides_must_keep_the_side_with_the_coordinator_whatever_its_size(bool withCoordinator, DowningDecision expected)
    {
        var state = Up((E, ["coordinator"]), (A, ["worker"]), (B, ["worker"]), (C, ["worker"]));
        var side = withCoordinator ? new[] { E } : new[] { A, B, C };
        var self = side[0];
        new CoordinatorDecides().Decide(DowningView.Of(Partitioned(state, self, side), self)).Should().Be(expected);
    }

    [Fact]
    public void CoordinatorDecides_must_fall_back_to_keep_majority_without_a_coordinator()
    {
        var state = Up(A, B, C);
        new CoordinatorDecides().Decide(DowningView.Of(Partitioned(state, A, A, B), A)).Should().Be(DowningDecision.DownUnreachable);
    }

    [Fact]
    public void Strategy_names_must_parse_and_unknown_names_must_be_refused()
    {
        DowningStrategy.Parse("keep-majority").Should().BeOfType<KeepMajority>();
        DowningStrategy.Parse("coordinator-decides").Should().BeOfType<CoordinatorDecides>();
        var act = () => DowningStrategy.Parse("static-quorum");
        act.Should().Throw<ArgumentException>().WithMessage("expected a downing strategy 'keep-majority' or 'coordinator-decides', got 'static-quorum'");
    }

    [Fact]
    public void Resolver_must_act_only_after_the_unreachable_set_is_stable_and_only_on_the_leader()
    {
        var clock = new ManualClock();
        var resolver = new SplitBrainResolver(new KeepMajority(), TimeSpan.FromSeconds(5), clock);
        var state = Partitioned(Up(A, B, C), A, A, B);
        resolver.Decide(state, A).Should().BeEmpty("the set just changed");
        clock.AdvanceMs(4999);
        resolver.Decide(state, A).Should().BeEmpty("not stable long enough");
        clock.AdvanceMs(1);
        resolver.Decide(state, A).Should().Equal(C);

        var follower = new SplitBrainResolver(new KeepMajority(), TimeSpan.FromSeconds(5), clock);
        var bView = Partitioned(Up(A, B, C), B, A, B);
        follower.Decide(bView, B);
        clock.AdvanceMs(6000);
        follower.Decide(bView, B).Should().BeEmpty("B is not the leader");
    }

    [Fact]
    public void Resolver_must_restart_the_stable_period_when_the_unreachable_set_changes()
    {
        var clock = new ManualClock();
        var resolver = new SplitBrainResolver(new KeepMajority(), TimeSpan.FromSeconds(5), clock);
        var all = Up(A, B, C, D, E);
        resolver.Decide(Partitioned(all, A, A, B, C, D), A);
        clock.AdvanceMs(4000);
        resolver.Decide(Partitioned(all, A, A, B, C), A).Should().BeEmpty();
        clock.AdvanceMs(4000);
        resolver.Decide(Partitioned(all, A, A, B, C), A).Should().BeEmpty();
        clock.AdvanceMs(1000);
        resolver.Decide(Partitioned(all, A, A, B, C), A).Should().Equal(D, E);
    }

    [Fact]
    public void Isolated_node_must_down_itself_as_the_leader_of_its_minority()
    {
        var clock = new ManualClock();
        var resolver = new SplitBrainResolver(new KeepMajority(), TimeSpan.Zero, clock);
        var isolated = Partitioned(Up(A, B, C, D), D, D);
        isolated.Leader(D).Should().Be(D);
        resolver.Decide(isolated, D);
        var toDown = resolver.Decide(isolated, D);
        toDown.Should().Equal(D);
        resolver.LastDecision.Should().Be(DowningDecision.DownReachable);
        toDown.Aggregate(isolated, (s, n) => s.Down(n, D)).MemberOf(D)!.Status.Should().Be(MemberStatus.Down);
    }
}
