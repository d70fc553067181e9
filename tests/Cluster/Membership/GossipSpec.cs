using Google.Protobuf;
using System.Collections.Immutable;
using Troupe.Actors;
using Troupe.Cluster.Membership;
using Troupe.Protocol.Cluster;
using static Troupe.Cluster.Tests.Support.Nodes;

namespace Troupe.Cluster.Tests.Membership;

public class GossipSpec
{
    [Fact]
    public void GossipConverter_must_round_trip_members_tombstones_reachability_and_seen()
    {
        var state = Up((A, ["coordinator"]), (B, ["worker"]), (C, ["worker"]))
            .Join(D, ["worker"], A)
            .MarkUnreachable(A, C).MarkUnreachable(B, C).MarkReachable(B, C).MarkUnreachable(B, C)
            .Down(C, A)
            .Seen(B);
        state = state.Merge(MembershipState.Create([], [E], Reachability.Empty, []), A);
        var back = GossipConverter.FromProto(GossipData.Parser.ParseFrom(GossipConverter.ToProto(state).ToByteArray()));
        back.ContentEquals(state).Should().BeTrue();
        back.SeenBy.Should().BeEquivalentTo(state.SeenBy);
        back.Reachability.Observers[B].Version.Should().Be(3);
        back.MemberOf(A)!.Roles.Should().Equal("coordinator");
        back.MemberOf(C)!.Status.Should().Be(MemberStatus.Down);
        back.Tombstones.Should().Contain(E);
    }

    [Fact]
    public void GossipConverter_must_refuse_malformed_views_with_a_reason()
    {
        var good = GossipConverter.ToProto(Up(A, B).MarkUnreachable(A, B));
        var duplicate = good.Clone();
        duplicate.Members.Add(duplicate.Members[0]);
        FluentActions.Invoking(() => GossipConverter.FromProto(duplicate)).Should().Throw<FormatException>().WithMessage("expected each member once*");
        var removed = good.Clone();
        removed.Members[0].Status = MemberStatusData.MemberStatusRemoved;
        FluentActions.Invoking(() => GossipConverter.FromProto(removed)).Should().Throw<FormatException>().WithMessage("expected a live member status*");
        var badVersion = good.Clone();
        badVersion.Reachability[0].Version = 99;
        FluentActions.Invoking(() => GossipConverter.FromProto(badVersion)).Should().Throw<FormatException>().WithMessage("expected a reachability record matching*");
        var noUid = good.Clone();
        noUid.Members[1].Node.Uid = 0;
        FluentActions.Invoking(() => GossipConverter.FromProto(noUid)).Should().Throw<FormatException>();
        FluentActions.Invoking(() => GossipConverter.FromProto(null)).Should().Throw<FormatException>();
    }

    [Fact]
    public void GossipTargets_must_pick_only_reachable_others_and_prefer_those_that_have_not_seen_the_view()
    {
        var targets = new GossipTargets(new Random(7));
        var state = Up(A, B, C, D).MarkUnreachable(A, D);
        var picks = Enumerable.Range(0, 400).Select(_ => targets.Pick(state, A)).ToList();
        picks.Should().OnlyContain(p => p == B || p == C);
        var unseenByC = MembershipState.Create(state.Members.Values, [], state.Reachability, [A, B]);
        var toC = Enumerable.Range(0, 1000).Count(_ => targets.Pick(unseenByC, A) == C);
        toC.Should().BeInRange(800, 980, "C has not seen the view: chosen with probability 0.8 + 0.2/2");
        targets.Pick(Up(A), A).Should().BeNull();
    }

    [Fact]
    public void GossipTargets_must_reply_only_when_the_sender_lacks_content_or_seen_entries()
    {
        var theirs = Up(A, B);
        var same = MembershipState.Create(theirs.Members.Values, [], Reachability.Empty, [A, B]);
        GossipTargets.ShouldReply(theirs, same).Should().BeFalse();
        GossipTargets.ShouldReply(theirs, theirs.Join(C, [], B)).Should().BeTrue();
        var partial = MembershipState.Create(theirs.Members.Values, [], Reachability.Empty, [A]);
        GossipTargets.ShouldReply(partial, partial.Merge(theirs, B)).Should().BeTrue();
    }

    [Fact]
    public void SeedNodePlan_must_let_only_the_first_seed_form_a_cluster()
    {
        Address At(int port) => new(Address.DefaultProtocol, "sys", "10.0.0.1", port);
        var seeds = ImmutableArray.Create(At(1), At(2));
        var first = new SeedNodePlan(seeds, At(1));
        first.IsFirstSeed.Should().BeTrue();
        first.MayJoinSelf.Should().BeTrue();
        first.JoinSelfImmediately.Should().BeFalse();
        first.Contacts.Should().Equal(At(2));
        var second = new SeedNodePlan(seeds, At(2));
        second.MayJoinSelf.Should().BeFalse();
        second.Contacts.Should().Equal(At(1));
        new SeedNodePlan([At(3)], At(3)).JoinSelfImmediately.Should().BeTrue();
        new SeedNodePlan(seeds, At(9)).Contacts.Should().Equal(At(1), At(2));
    }
}
