using Troupe.Node.Tests.Support;
using Xunit.Abstractions;

namespace Troupe.Node.Tests.Processes;

/// <summary>A real network partition: each node in its own network namespace, one worker's link cut.</summary>
[Collection(ProcessClusterCollection.Name)]
[Trait("Category", "Netns")]
public sealed class PartitionSpec(ITestOutputHelper output)
{
    private const int Port = 2552;

    [NetnsFact]
    public async Task An_isolated_worker_must_be_downed_by_the_majority_shut_itself_down_and_rejoin_after_heal_and_restart()
    {
        using var net = NetworkNamespaces.Create(4);
        var seeds = $"{net.Address(0)}:{Port}";
        var nodes = new NodeProcess[4];
        try
        {
            var started = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Start(net, seeds, i)));
            started.CopyTo(nodes, 0);
            await AllUpAsync(nodes);

            var isolated = nodes[3];
            net.Isolate(3);
            var cutAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var observer in nodes[..3])
            {
                var unreachable = await observer.WaitForEventAsync("UnreachableMember", Port, isolated.Uid);
                await observer.WaitForEventAsync(e => e.Type == "MemberDowned" && e.Uid == isolated.Uid, "the isolated worker downed");
                await observer.WaitForEventAsync(e => e.Type == "MemberRemoved" && e.Uid == isolated.Uid, "the isolated worker removed");
                output.WriteLine($"{observer.Name}: isolated worker unreachable {unreachable.Time - cutAt} ms after the cut");
            }
            (await isolated.WaitForExitAsync()).Should().Be(0);
            isolated.Output.Should().Contain("terminated reason=downed", "the minority side downs itself");
            foreach (var survivor in nodes[..3])
                survivor.Events.Should().NotContain(e => e.Type == "MemberDowned" && e.Uid != isolated.Uid, "the majority keeps its members");

            net.Heal(3);
            isolated.Dispose();
            nodes[3] = await Start(net, seeds, 3);
            nodes[3].Uid.Should().NotBe(isolated.Uid);
            await AllUpAsync(net, seeds, nodes);
        }
        catch
        {
            output.WriteLine(string.Join("\n", nodes.Where(n => n is not null).Select(n => n.Output)));
            throw;
        }
        finally
        {
            foreach (var node in nodes) node?.Dispose();
        }
    }

    private static Task<NodeProcess> Start(NetworkNamespaces net, string seeds, int i) =>
        NodeProcess.StartAsync(i == 0 ? "coordinator" : $"worker{i}", net.Address(i), Port, seeds, i == 0 ? "coordinator" : "worker",
            net.Namespace(i), "--secret", NodeProcess.Secret);

    private static async Task AllUpAsync(NodeProcess[] nodes)
    {
        foreach (var observer in nodes)
            foreach (var subject in nodes)
                await observer.WaitForEventAsync(e => e.Type == "MemberUp" && e.Uid == subject.Uid,
                    $"MemberUp for {subject.Name}");
    }

    // Akka.Remote 1.5.75 ends a node whose outbound TLS handshake fails, and a survivor reconnecting to the restarted
    // worker's address while that process starts can hit it (seen in CI: "Channel is closed"). troupe-worker then joins
    // again as a new incarnation in-process (docs/cluster.md, "Credentials"); this test node exits instead, so the test
    // restarts such a worker as troupe-worker would, at most twice. Any other exit still fails the test.
    private static async Task AllUpAsync(NetworkNamespaces net, string seeds, NodeProcess[] nodes)
    {
        for (var round = 0; ; round++)
        {
            try
            {
                await AllUpAsync(nodes);
                return;
            }
            catch (InvalidOperationException) when (round < 2 && TlsCasualties(nodes).Any())
            {
                foreach (var i in TlsCasualties(nodes).ToList())
                {
                    nodes[i].Dispose();
                    nodes[i] = await Start(net, seeds, i);
                }
            }
        }
    }

    private static IEnumerable<int> TlsCasualties(NodeProcess[] nodes) => Enumerable.Range(1, nodes.Length - 1)
        .Where(i => nodes[i].HasExited && nodes[i].Output.Contains("terminated reason=TlsHandshakeFailureReason", StringComparison.Ordinal));
}
