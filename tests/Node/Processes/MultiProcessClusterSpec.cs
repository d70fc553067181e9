using Akka.Configuration;
using Troupe.ClusterNode;
using Troupe.Node;
using Troupe.Node.Tests.Support;

namespace Troupe.Node.Tests.Processes;

/// <summary>One coordinator and three workers as real OS processes on 127.0.0.1 (tests/Cluster.Node).</summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class MultiProcessClusterSpec : TestKit, IClassFixture<ProcessCluster>
{
    private readonly ProcessCluster cluster;
    private readonly ITestOutputHelper output;

    public MultiProcessClusterSpec(ProcessCluster cluster, ITestOutputHelper output)
        : base(NodeSystem.Setup(Tester, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, NodeProcess.Secret), "tester", output)
    {
        this.cluster = cluster;
        this.output = output;
    }

    private static readonly TimeSpan Transfer = TimeSpan.FromSeconds(60);

    // A remoting-only system (no membership) that talks to the node processes: their transport, TLS and secret.
    private static readonly Config Tester = NodeConfig.Remoting();

    [Fact]
    public void Coordinator_and_three_workers_must_form_a_cluster_where_every_node_sees_all_Up()
    {
        foreach (var observer in cluster.Nodes)
        {
            var up = observer.Events.Where(e => e.Type == "MemberUp").Select(e => (e.Port, e.Uid)).ToHashSet();
            up.Should().Contain(cluster.Nodes.Select(n => (n.Port, n.Uid)), $"{observer.Name} must see every node Up");
        }
    }

    [Fact]
    public async Task Kill_9_of_a_worker_must_be_seen_unreachable_then_down_and_its_restart_must_join_as_a_new_incarnation()
    {
        var victim = cluster.Nodes[3];
        var killedAt = await victim.KillAsync();
        foreach (var observer in cluster.Nodes[..3])
        {
            var unreachable = await observer.WaitForEventAsync("UnreachableMember", victim.Port, victim.Uid);
            var downed = await observer.WaitForEventAsync("MemberDowned", victim.Port, victim.Uid);
            await observer.WaitForEventAsync("MemberRemoved", victim.Port, victim.Uid);
            unreachable.Time.Should().BeLessThanOrEqualTo(downed.Time);
            output.WriteLine($"{observer.Name}: {victim.Name} unreachable {unreachable.Time - killedAt} ms after kill -9, down after {downed.Time - killedAt} ms");
        }
        var restarted = await cluster.RestartAsync(3);
        restarted.Port.Should().Be(victim.Port);
        restarted.Uid.Should().NotBe(victim.Uid, "a restart is a new incarnation");
        await cluster.AllUpAsync();
    }

    [Fact]
    public async Task SIGTERM_on_a_worker_must_leave_gracefully_with_no_unreachable_event()
    {
        var leaver = cluster.Nodes[2];
        var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        leaver.Terminate();
        (await leaver.WaitForExitAsync()).Should().Be(0);
        leaver.Output.Should().Contain("terminated reason=left the cluster");
        foreach (var observer in cluster.Nodes.Where(n => n != leaver))
        {
            await observer.WaitForEventAsync("MemberExited", leaver.Port, leaver.Uid);
            var removed = await observer.WaitForEventAsync("MemberRemoved", leaver.Port, leaver.Uid);
            removed.Status.Should().Be("Removed");
        }
        await Task.Delay(TimeSpan.FromSeconds(3));   // longer than suspicion takes (pause 1.5 s): a false alarm would show by now
        foreach (var observer in cluster.Nodes.Where(n => n != leaver))
            observer.Events.Should().NotContain(e => e.Type == "UnreachableMember" && e.Uid == leaver.Uid && e.Time >= sentAt, $"{observer.Name} saw a graceful leave");
        await cluster.RestartAsync(2);
        await cluster.AllUpAsync();
    }

    [Fact]
    public void A_3_MB_message_must_arrive_intact_between_two_nodes()
    {
        // One message, one frame, near maximum-frame-size (4 MiB); checkpoints stream in chunks instead (tests/Node/Transfer).
        const int size = 3 * 1024 * 1024;
        var target = $"{NodeConfig.Protocol}://troupe@127.0.0.1:{cluster.Nodes[2].Port}/user/echo";
        Sys.ActorSelection($"{NodeConfig.Protocol}://troupe@127.0.0.1:{cluster.Nodes[1].Port}/user/relay").Tell($"big {size} {target}", TestActor);
        var received = ExpectMsg<byte[]>(Transfer);   // worker1 -> worker2, worker2 echoes it back to this test
        received.Length.Should().Be(size);
        received.AsSpan().SequenceEqual(Relay.Pattern(size)).Should().BeTrue("every byte must arrive as sent");
    }

    [Fact]
    public void Messages_between_two_nodes_must_keep_their_order()
    {
        const int count = 20_000;
        var target = $"{NodeConfig.Protocol}://troupe@127.0.0.1:{cluster.Nodes[3].Port}/user/echo";
        Sys.ActorSelection($"{NodeConfig.Protocol}://troupe@127.0.0.1:{cluster.Nodes[1].Port}/user/relay").Tell($"relay {count} {target}", TestActor);
        var received = ReceiveN(count, Transfer);    // worker1 -> worker3 in order, worker3 echoes each to this test
        received.Should().Equal(Enumerable.Range(1, count).Cast<object>());
    }
}
