using Troupe.Deploy.Tests.Support;

namespace Troupe.Deploy.Tests;

/// <summary>deploy/netns-cluster.sh gives each node what docker-compose.yml gives the same role (checked without root).</summary>
public sealed class NetnsClusterScriptTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(Repo.PathOf("docker-compose.yml"));

    [Theory]
    [InlineData("coordinator", DeployContract.Coordinator)]
    [InlineData("worker-1", DeployContract.Worker)]
    [InlineData("worker-2", DeployContract.Worker)]
    public void Netns_cluster_must_set_every_variable_compose_sets_for_the_role(string node, string role)
    {
        var netns = NetnsCluster.Environment(node);
        // The compose secret reaches the node as TROUPE_SECRET (the entrypoint reads it); the netns cluster sets that directly.
        var expected = Compose.Environment(role).Keys
            .Concat(ComposeFile.Strings(Compose.Service(role), "secrets", "source").Count > 0 ? ["TROUPE_SECRET"] : Array.Empty<string>());
        expected.Where(k => !netns.ContainsKey(k)).Should().BeEmpty($"netns {node} must be configured like the compose {role}");
        netns.Keys.Where(k => !k.StartsWith("TROUPE_")).Should().BeEmpty();
        netns["TROUPE_ROLE"].Should().Be(role);
    }

    [Fact]
    public void Netns_cluster_must_reach_the_coordinator_by_name_and_give_each_worker_its_own_address()
    {
        var coordinator = NetnsCluster.Environment("coordinator");
        var w1 = NetnsCluster.Environment("worker-1");
        var w2 = NetnsCluster.Environment("worker-2");
        w1["TROUPE_SEED"].Should().Be($"coordinator:{coordinator["TROUPE_PORT"]}");
        w1["TROUPE_HOSTNAME"].Should().NotBe(w2["TROUPE_HOSTNAME"]);
        w1["TROUPE_HOSTNAME"].Should().MatchRegex(@"^10\.77\.0\.\d+$");
        w1["TROUPE_SECRET"].Should().Be(coordinator["TROUPE_SECRET"], "one cluster, one secret");
    }

    [Fact]
    public void Netns_cluster_must_refuse_an_unknown_node()
    {
        var (code, output) = NetnsCluster.Run(new Dictionary<string, string>(), TimeSpan.FromSeconds(10), "env", "worker-9");
        code.Should().NotBe(0);
        output.Should().Contain("no node worker-9");
    }
}
