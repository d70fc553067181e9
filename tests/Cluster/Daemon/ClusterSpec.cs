using System.Collections.Immutable;
using Troupe.Actors;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Membership.Events;
using Troupe.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace Troupe.Cluster.Tests.Daemon;

/// <summary>The running cluster: several clustered actor systems in this process, talking over loopback TCP.</summary>
public sealed class ClusterSpec(ITestOutputHelper output) : IDisposable
{
    private readonly ClusterHarness _harness = new(output);

    [Fact]
    public async Task Cluster_must_form_from_a_seed_and_show_every_member_Up_on_every_node()
    {
        var a = _harness.Member(null, "coordinator");
        var b = _harness.Member(a, "worker");
        var c = _harness.Member(a, "worker");
        var log = ClusterEventLog.Of(c);
        await ClusterHarness.AllUpAsync(a, b, c);
        foreach (var system in new[] { a, b, c })
            await log.WaitForAsync<MemberUp>(e => e.Member.Node == Cluster.Get(system).SelfUniqueAddress, $"MemberUp for {system.Address} on c");
        var lowest = new[] { a, b, c }.Select(s => Cluster.Get(s).SelfUniqueAddress).Min()!;
        Cluster.Get(b).State.Leader.Should().Be(lowest, "the lowest address leads");
        Cluster.Get(c).Membership.MemberOf(Cluster.Get(a).SelfUniqueAddress)!.Roles.Should().Equal("coordinator");
        Cluster.Get(a).Membership.Members.Values.Select(m => m.UpNumber).Should().BeEquivalentTo([1, 2, 3]);
    }

    [Fact]
    public async Task Seed_nodes_must_let_the_first_seed_form_the_cluster_and_the_others_join_it()
    {
        var first = _harness.Start(ClusterHarness.Settings());
        var seeds = ImmutableArray.Create(first.Address);
        Cluster.Get(first).JoinSeedNodes(seeds);
        var other = _harness.Start(ClusterHarness.Settings() with { SeedNodes = seeds });   // joins on start
        Cluster.Get(other);
        await ClusterHarness.AllUpAsync(first, other);
    }

    [Fact]
    public async Task Subscribe_must_send_a_snapshot_first_and_then_later_events()
    {
        var a = _harness.Member(null);
        await ClusterHarness.AllUpAsync(a);
        var events = new List<object>();
        var probe = a.ActorOf(Props.Create(() => new Collect(events)));
        Cluster.Get(a).Subscribe(probe, typeof(MemberUp));
        await ClusterHarness.AwaitAsync(() => Snapshot(events).Count == 1, "the snapshot");
        var snapshot = (CurrentClusterState)Snapshot(events)[0];
        snapshot.Members.Select(m => m.Node).Should().Equal(Cluster.Get(a).SelfUniqueAddress);
        var b = _harness.Member(a);
        await ClusterHarness.AwaitAsync(() => Snapshot(events).OfType<MemberUp>().Any(e => e.Member.Node == Cluster.Get(b).SelfUniqueAddress), "MemberUp for b");
        Snapshot(events).Should().HaveCount(2, "a MemberUp subscriber gets nothing else");
    }

    [Fact]
    public async Task A_node_cut_off_must_be_seen_unreachable_then_downed_and_removed_and_must_down_itself()
    {
        var a = _harness.Member(null);
        var b = _harness.Member(a);
        var c = _harness.Member(a);
        await ClusterHarness.AllUpAsync(a, b, c);
        var logA = ClusterEventLog.Of(a);
        var cNode = Cluster.Get(c).SelfUniqueAddress;
        await ClusterHarness.CutOffAsync(c);
        await logA.WaitForAsync<UnreachableMember>(e => e.Member.Node == cNode, "c unreachable on a");
        await logA.WaitForAsync<MemberDowned>(e => e.Member.Node == cNode, "c downed on a");
        var removed = await logA.WaitForAsync<MemberRemoved>(e => e.Member.Node == cNode, "c removed on a");
        removed.PreviousStatus.Should().Be(MemberStatus.Down);
        await ClusterHarness.AwaitAsync(() => Cluster.Get(b).Membership.Tombstones.Contains(cNode), "c removed on b");
        await c.WhenTerminated.WaitAsync(ClusterHarness.Bound);   // alone on its side, c downed itself
        Cluster.Get(c).ShutdownReason.Should().Be("downed");
        a.Remote().Transport.IsQuarantined(cNode).Should().BeTrue();
    }

    [Fact]
    public async Task Leave_must_go_through_Exiting_to_Removed_with_no_unreachable_and_end_the_leaving_system()
    {
        var a = _harness.Member(null);
        var b = _harness.Member(a);
        var c = _harness.Member(a);
        await ClusterHarness.AllUpAsync(a, b, c);
        var logA = ClusterEventLog.Of(a);
        var cNode = Cluster.Get(c).SelfUniqueAddress;
        Cluster.Get(b).Leave(c.Address);
        var removed = await logA.WaitForAsync<MemberRemoved>(e => e.Member.Node == cNode, "c removed on a");
        removed.PreviousStatus.Should().Be(MemberStatus.Exiting);
        await c.WhenTerminated.WaitAsync(ClusterHarness.Bound);
        Cluster.Get(c).ShutdownReason.Should().BeOneOf("left the cluster", "removed from the cluster");
        await Task.Delay(TimeSpan.FromSeconds(2.5));   // longer than detection takes: a false alarm would show now
        logA.Events.OfType<UnreachableMember>().Should().BeEmpty();
        logA.Events.OfType<MemberLeft>().Should().ContainSingle(e => e.Member.Node == cNode);
        logA.Events.OfType<MemberExited>().Should().ContainSingle(e => e.Member.Node == cNode);
    }

    [Fact]
    public async Task A_downed_node_must_terminate_its_own_system()
    {
        var a = _harness.Member(null);
        var b = _harness.Member(a);
        await ClusterHarness.AllUpAsync(a, b);
        Cluster.Get(a).Down(b.Address);
        await b.WhenTerminated.WaitAsync(ClusterHarness.Bound);
        Cluster.Get(b).ShutdownReason.Should().Be("downed");
        await ClusterHarness.AwaitAsync(() => Cluster.Get(a).Membership.Members.Count == 1, "b removed on a");
    }

    [Fact]
    public async Task RegisterOnMemberUp_must_wait_for_min_nr_of_members_per_role()
    {
        var perRole = new MembershipSettings { MinNrOfMembersPerRole = ImmutableDictionary<string, int>.Empty.Add("worker", 2) };
        var a = _harness.Member(null, ClusterHarness.Settings(0, "coordinator") with { Membership = perRole });
        var up = new TaskCompletionSource();
        Cluster.Get(a).RegisterOnMemberUp(() => up.TrySetResult());
        _harness.Member(a, ClusterHarness.Settings(0, "worker") with { Membership = perRole });
        await Task.Delay(TimeSpan.FromSeconds(1));
        up.Task.IsCompleted.Should().BeFalse("one worker of two is not enough");
        Cluster.Get(a).SelfMember!.Status.Should().Be(MemberStatus.Joining);
        _harness.Member(a, ClusterHarness.Settings(0, "worker") with { Membership = perRole });
        await up.Task.WaitAsync(ClusterHarness.Bound);
        Cluster.Get(a).SelfMember!.Status.Should().Be(MemberStatus.Up);
    }

    [Fact]
    public async Task Remote_death_watch_must_deliver_Terminated_when_the_watched_node_is_downed()
    {
        var a = _harness.Member(null);
        var b = _harness.Member(a);
        var c = _harness.Member(a);
        await ClusterHarness.AllUpAsync(a, b, c);
        c.ActorOf(Props.Create(() => new Collect([])), "target");
        var target = await a.ActorSelection($"{c.Address}/user/target").ResolveOne(TimeSpan.FromSeconds(5));
        var terminated = new TaskCompletionSource<Terminated>();
        a.ActorOf(Props.Create(() => new Watcher(target, terminated)));
        await ClusterHarness.CutOffAsync(c);
        var t = await terminated.Task.WaitAsync(ClusterHarness.Bound);
        t.ActorRef.Should().Be(target);
        t.AddressTerminated.Should().BeTrue();
    }

    [Fact]
    public async Task A_restarted_node_on_the_same_port_must_join_as_a_new_incarnation()
    {
        var a = _harness.Member(null);
        var b = _harness.Member(a);
        await ClusterHarness.AllUpAsync(a, b);
        var old = Cluster.Get(b).SelfUniqueAddress;
        await ClusterHarness.CutOffAsync(b);
        await b.Terminate().WaitAsync(ClusterHarness.Bound);
        var restarted = _harness.Member(a, ClusterHarness.Settings(old.Address.Port));
        var fresh = Cluster.Get(restarted).SelfUniqueAddress;
        fresh.Address.Should().Be(old.Address);
        fresh.Uid.Should().NotBe(old.Uid);
        await ClusterHarness.AllUpAsync(a, restarted);
        Cluster.Get(a).Membership.Tombstones.Should().Contain(old);
    }

    private static List<object> Snapshot(List<object> events)
    {
        lock (events) return [.. events];
    }

    private sealed class Collect : ReceiveActor
    {
        public Collect(List<object> into) => ReceiveAny(m => { lock (into) into.Add(m); });
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef target, TaskCompletionSource<Terminated> terminated)
        {
            Context.Watch(target);
            Receive<Terminated>(t => terminated.TrySetResult(t));
        }
    }

    public void Dispose() => _harness.Dispose();
}
