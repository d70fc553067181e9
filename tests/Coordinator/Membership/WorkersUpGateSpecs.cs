using System.Collections.Immutable;
using Akka.Cluster;
using Akka.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Troupe.Coordinator.Membership;

namespace Troupe.Coordinator.Tests.Membership;

/// <summary>
/// The coordinator's own count of Up workers: it opens at <c>--min-workers</c> whoever leads the cluster (a worker with
/// a lower address leads, and its config knows no min-nr-of-members).
/// </summary>
public sealed class WorkersUpGateSpecs(ITestOutputHelper output)
    : TestKit(NodeSystem.Setup(Node("coordinator", null), NullLoggerFactory.Instance, Secret), ClusterNodeOptions.SystemName, output)
{
    private const string Secret = "gate-test-secret";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static Config Node(string role, int? seedPort)
    {
        var seeds = seedPort is { } p ? ImmutableArray.Create(("127.0.0.1", p)) : [];
        return NodeConfig.For(new ClusterNodeOptions("127.0.0.1", 0, null, null, Secret, seeds, ImmutableSortedSet.Create(role),
            ImmutableDictionary<string, int>.Empty, "tight"));
    }

    [Fact]
    public async Task WorkersUpGate_must_open_only_once_min_workers_are_Up()
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Sys.ActorOf(WorkersUpGate.Props(2, open));
        var workers = new List<ActorSystem>();
        try
        {
            workers.Add(NodeSystem.Create(ClusterNodeOptions.SystemName, Node("worker", cluster.SelfAddress.Port), NullLoggerFactory.Instance, Secret));
            AwaitAssert(() => cluster.State.Members.Count(m => m.HasRole("worker") && m.Status == MemberStatus.Up).Should().Be(1), Bound);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            open.Task.IsCompleted.Should().BeFalse("one worker of two is Up");

            workers.Add(NodeSystem.Create(ClusterNodeOptions.SystemName, Node("worker", cluster.SelfAddress.Port), NullLoggerFactory.Instance, Secret));
            await open.Task.WaitAsync(Bound);
        }
        finally
        {
            await Task.WhenAll(workers.Select(w => w.Terminate())).WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
