using System.Collections.Immutable;
using Akka.Cluster;
using Akka.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Troupe.Worker.Agent;

namespace Troupe.Worker.Tests.Agent;

/// <summary>
/// The worker node's guard against a split-brain resolver that never decides: the test system is a worker node (a
/// <see cref="WorkerNode"/> on a cluster member of role worker) whose resolver is told to wait ten minutes, and a
/// second system in this process is its coordinator. Once the coordinator's system is gone without leaving, only the
/// worker's own limit can end its membership.
/// </summary>
public sealed class WorkerNodeSpecs : TestKit
{
    private const string Secret = "test-cluster-secret";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public WorkerNodeSpecs(ITestOutputHelper output)
        : base(NodeSystem.Setup(ResolverThatWaits(Node("worker", "tight")), NullLoggerFactory.Instance, Secret), ClusterNodeOptions.SystemName, output)
    {
    }

    private static ClusterNodeOptions Node(string role, string timing) =>
        new("127.0.0.1", 0, null, null, Secret, [], ImmutableSortedSet.Create(role), ImmutableDictionary<string, int>.Empty, timing);

    private static Config ResolverThatWaits(ClusterNodeOptions node) => ConfigurationFactory.ParseString($"""
        akka.cluster.split-brain-resolver.stable-after = 10m
        akka.cluster.split-brain-resolver.down-all-when-unstable = off
        {WorkerNode.UnreachableLimitKey} = {Limit.TotalSeconds}s
        """).WithFallback(NodeConfig.For(node));

    [Theory]
    [InlineData("tight", 12)]
    [InlineData("default", 55)]
    public void Unreachable_limit_must_leave_the_resolver_its_decision_and_its_instability_backstop_first(string timing, double seconds) =>
        WorkerNode.UnreachableLimit(NodeConfig.For(Node("worker", timing))).Should().Be(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Unreachable_limit_must_be_the_configured_one_when_set() =>
        WorkerNode.UnreachableLimit(ResolverThatWaits(Node("worker", "tight"))).Should().Be(Limit);

    [Fact]
    public async Task Worker_node_must_down_itself_when_its_coordinator_stays_unreachable_and_no_resolver_decides()
    {
        // The coordinator's system ends without leaving the cluster, as a kill -9 would: the worker sees it unreachable.
        var coordinatorConfig = ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-actor-system-terminate = off")
            .WithFallback(ResolverThatWaits(Node(WorkerNode.CoordinatorRole, "tight")));
        var coordinator = NodeSystem.Create(ClusterNodeOptions.SystemName, coordinatorConfig, NullLoggerFactory.Instance, Secret);
        try
        {
            var coordinatorCluster = Cluster.Get(coordinator);
            coordinatorCluster.Join(coordinatorCluster.SelfAddress);
            var worker = Cluster.Get(Sys);
            worker.Join(coordinatorCluster.SelfAddress);
            Sys.ActorOf(WorkerNode.Props(id => WorkerSettings.Create(id, slots: 1)), "node");
            AwaitCondition(() => worker.State.Members.Count(m => m.Status == MemberStatus.Up) == 2, Bound);

            // Reachable past the limit: the guard must not fire while the coordinator answers.
            await Task.Delay(Limit * 2);
            Sys.WhenTerminated.IsCompleted.Should().BeFalse("the coordinator is reachable");

            await coordinator.Terminate();
            AwaitCondition(() => worker.State.Unreachable.Any(m => m.HasRole(WorkerNode.CoordinatorRole)), Bound);
            await Sys.WhenTerminated.WaitAsync(Bound);
            worker.IsTerminated.Should().BeTrue();
        }
        finally
        {
            await coordinator.Terminate();
        }
    }
}
