using Troupe.Cluster.FailureDetection;
using Troupe.Cluster.Membership;
using static Troupe.Cluster.Tests.Support.Nodes;

namespace Troupe.Cluster.Tests.FailureDetection;

public class ReachabilityCheckSpec
{
    [Fact]
    public void ReachabilityCheck_must_mark_unavailable_members_unreachable_and_recovered_ones_reachable()
    {
        var state = Up(A, B, C);
        var marked = ReachabilityCheck.Apply(state, A, n => n != C);
        marked.Reachability.UnreachableFrom(A).Should().Equal(C);
        marked.Unreachable.Select(m => m.Node).Should().Equal(C);
        ReachabilityCheck.Apply(marked, A, n => n != C).Should().BeSameAs(marked, "nothing changed");
        var healed = ReachabilityCheck.Apply(marked, A, _ => true);
        healed.Unreachable.Should().BeEmpty();
        healed.Reachability.Observers[A].Version.Should().Be(2);
    }

    [Fact]
    public void ReachabilityCheck_must_change_only_the_observers_own_rows()
    {
        var state = Up(A, B, C).MarkUnreachable(B, C);
        var after = ReachabilityCheck.Apply(state, A, _ => true);
        after.Should().BeSameAs(state, "B's opinion of C is B's to change");
        ReachabilityCheck.Apply(MembershipState.Empty, A, _ => false).Should().BeSameAs(MembershipState.Empty);
    }

    [Fact]
    public void HeartbeatTargets_must_be_every_member_but_self()
    {
        ReachabilityCheck.HeartbeatTargets(Up(A, B, C).Join(D, [], A), B).Should().Equal(A, C, D);
    }
}
