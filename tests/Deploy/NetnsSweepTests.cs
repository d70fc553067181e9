using Troupe.Deploy.Tests.Support;

namespace Troupe.Deploy.Tests;

/// <summary>
/// The netns CI test: deploy/netns-cluster.sh starts the real coordinator and 2 real workers in 3 network namespaces,
/// and they complete a 4-trial sweep. Skips, saying why, without root or ip netns, or while this tree has no
/// troupe-worker project (the worker executable arrives with the cluster-mode branch).
/// </summary>
[Trait("Category", "Netns")]
public sealed class NetnsSweepTests(ITestOutputHelper output)
{
    [NetnsClusterFact]
    public void Netns_cluster_must_complete_a_4_trial_sweep_with_a_coordinator_and_2_workers()
    {
        var state = Directory.CreateTempSubdirectory("troupe-netns-ci-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["TROUPE_NETNS_NAME"] = "trpci",
            ["TROUPE_NETNS_SUBNET"] = $"10.78.{Random.Shared.Next(1, 250)}",
            ["TROUPE_NETNS_STATE"] = state,
            ["TROUPE_NETNS_SPEC"] = Path.Combine(AppContext.BaseDirectory, "specs", "netns-4.yaml"),
            ["TROUPE_NETNS_MIN_WORKERS"] = "2",
        };
        try
        {
            var up = NetnsCluster.Run(settings, TimeSpan.FromSeconds(60), "up", "2");
            output.WriteLine(up.Output);
            up.Code.Should().Be(0, up.Output);
            var wait = NetnsCluster.Run(settings, TimeSpan.FromSeconds(200), "wait", "coordinator", "180");
            output.WriteLine(wait.Output);
            foreach (var log in Directory.EnumerateFiles(Path.Combine(state, "nodes"), "log", SearchOption.AllDirectories))
                output.WriteLine($"--- {log}\n{File.ReadAllText(log)}");
            wait.Code.Should().Be(0, "the coordinator exits 0 when every trial completed");

            var rows = File.ReadAllLines(Path.Combine(state, "run", "trials.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            rows.Should().HaveCount(4);
            rows.Select(r => r[1]).Should().AllBe("completed");
            rows.Select(r => r[3]).Distinct().Should().HaveCount(2, "both workers run trials");
        }
        finally
        {
            var down = NetnsCluster.Run(settings, TimeSpan.FromSeconds(60), "down");
            output.WriteLine(down.Output);
        }
    }
}

/// <summary>Skips with the precise reason the netns cluster test cannot run here.</summary>
public sealed class NetnsClusterFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(() => NetnsCluster.Unavailable() ?? MissingApps());

    public NetnsClusterFactAttribute()
    {
        if (Reason.Value is { } reason) Skip = reason;
    }

    private static string? MissingApps()
    {
        var workerProject = Directory.EnumerateFiles(Repo.PathOf("src"), "*.csproj", SearchOption.AllDirectories)
            .FirstOrDefault(p => File.ReadAllText(p).Contains("<AssemblyName>troupe-worker</AssemblyName>"));
        // Not a skip once the project exists: then a missing build is a failure of the test run (make build builds it).
        return workerProject is null
            ? "no troupe-worker executable in this tree (no project under src/ with <AssemblyName>troupe-worker</AssemblyName>): " +
              "the worker executable and `troupe-coordinator run --listen` arrive with the cluster-mode branch (net)"
            : null;
    }
}
