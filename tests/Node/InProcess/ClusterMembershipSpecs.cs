using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace Troupe.Node.Tests.InProcess;

/// <summary>
/// Troupe's Akka.Cluster configuration with several nodes in one process: the test system is the coordinator, the
/// others are workers. Links are cut with Akka's throttler transport (Blackhole), so each case runs in seconds.
/// </summary>
public sealed class ClusterMembershipSpecs : TestKit
{
    // Generous: a leave needs gossip convergence, which a 2-core machine under heavy load can hold up for tens of seconds.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly ClusterNodes nodes = new();
    private readonly Cluster coordinator;

    public ClusterMembershipSpecs(ITestOutputHelper output) : base(ClusterNodes.Setup("coordinator", minWorkers: 2), ClusterNodeOptions.SystemName, output)
    {
        coordinator = Cluster.Get(Sys);
        coordinator.Subscribe(TestActor, InitialStateAsEvents, typeof(IMemberEvent), typeof(UnreachableMember));
        coordinator.Join(coordinator.SelfAddress);
    }

    private TMessage ExpectFor<TMessage>(ActorSystem node) where TMessage : MemberStatusChange =>
        FishForMessage<TMessage>(m => m.Member.Address.Equals(Cluster.Get(node).SelfAddress), Bound);

    private UnreachableMember ExpectUnreachable(ActorSystem node) =>
        FishForMessage<UnreachableMember>(m => m.Member.Address.Equals(Cluster.Get(node).SelfAddress), Bound);

    [Fact]
    public void Coordinator_must_stay_Joining_until_min_workers_joined_then_all_are_Up()
    {
        var w1 = nodes.Start("worker", coordinator.SelfAddress);
        AwaitAssert(() => coordinator.State.Members.Should().Contain(m => m.Address.Equals(Cluster.Get(w1).SelfAddress)), Bound);
        coordinator.SelfMember.Status.Should().Be(MemberStatus.Joining, "one worker is short of --min-workers 2");

        var w2 = nodes.Start("worker", coordinator.SelfAddress);

        ExpectFor<MemberUp>(w2);
        AwaitAssert(() => coordinator.State.Members.Select(m => m.Status).Should().AllBeEquivalentTo(MemberStatus.Up), Bound);
        coordinator.State.Members.Where(m => m.HasRole("worker")).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_leaving_worker_must_be_removed_without_being_seen_unreachable()
    {
        var w1 = nodes.Start("worker", coordinator.SelfAddress);
        var w2 = nodes.Start("worker", coordinator.SelfAddress);
        ExpectFor<MemberUp>(w2);

        Cluster.Get(w1).Leave(Cluster.Get(w1).SelfAddress);

        var removed = FishForMessage<object>(m => m is MemberRemoved r && r.Member.Address.Equals(Cluster.Get(w1).SelfAddress)
            || m is UnreachableMember u && u.Member.Address.Equals(Cluster.Get(w1).SelfAddress), Bound);
        removed.Should().BeOfType<MemberRemoved>("a graceful leave is no failure");
        await ClusterNodes.Terminated(w1, Bound); // the node that left stops its system
    }

    [Fact]
    public async Task A_cut_off_worker_must_be_unreachable_then_down_itself_while_the_coordinator_side_stays_and_its_restart_joins_again()
    {
        var w1 = nodes.Start("worker", coordinator.SelfAddress);
        var w2 = nodes.Start("worker", coordinator.SelfAddress);
        ExpectFor<MemberUp>(w2);
        var port = Cluster.Get(w2).SelfAddress.Port!.Value;
        var oldUid = Cluster.Get(w2).SelfUniqueAddress.Uid;

        await ClusterNodes.Blackhole(Sys, w2);
        await ClusterNodes.Blackhole(w1, w2);

        ExpectUnreachable(w2);
        ExpectFor<MemberRemoved>(w2);
        await ClusterNodes.Terminated(w2, Bound); // the cut-off side holds no coordinator: keep-oldest downs it
        coordinator.SelfMember.Status.Should().Be(MemberStatus.Up);
        Cluster.Get(w1).SelfMember.Status.Should().Be(MemberStatus.Up);

        await ClusterNodes.Blackhole(Sys, w2, heal: true);   // the throttler cuts an address, and the restart reuses it
        await ClusterNodes.Blackhole(w1, w2, heal: true);
        var again = nodes.Start("worker", coordinator.SelfAddress, port);
        var up = FishForMessage<MemberUp>(m => m.Member.Address.Port == port, Bound);
        up.Member.UniqueAddress.Uid.Should().NotBe(oldUid, "the restart is a new incarnation");
        again.WhenTerminated.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task A_partition_must_keep_the_coordinators_side_even_when_the_workers_are_the_majority()
    {
        var w1 = nodes.Start("worker", coordinator.SelfAddress);
        var w2 = nodes.Start("worker", coordinator.SelfAddress);
        ExpectFor<MemberUp>(w2);

        await ClusterNodes.Blackhole(Sys, w1);
        await ClusterNodes.Blackhole(Sys, w2);

        AwaitAssert(() => coordinator.State.Members.Select(m => m.Address).Should().Equal([coordinator.SelfAddress], "both workers removed"), Bound);
        await ClusterNodes.Terminated(w1, Bound); // two workers without the coordinator down themselves
        await ClusterNodes.Terminated(w2, Bound); // two workers without the coordinator down themselves
        coordinator.SelfMember.Status.Should().Be(MemberStatus.Up);
        coordinator.IsTerminated.Should().BeFalse();
    }

    protected override void AfterAll()
    {
        nodes.Dispose();
        base.AfterAll();
    }
}
