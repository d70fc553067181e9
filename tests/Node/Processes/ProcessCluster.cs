using Troupe.Node.Tests.Support;

namespace Troupe.Node.Tests.Processes;

/// <summary>
/// One coordinator and three workers, each its own OS process on 127.0.0.1, shared by the tests of a class;
/// each test leaves four Up members behind (it restarts what it stopped).
/// </summary>
public sealed class ProcessCluster : IAsyncLifetime
{
    private readonly int[] _ports = [.. Enumerable.Range(0, 4).Select(_ => NodeProcess.FreePort())];

    /// <summary>Index 0 is the coordinator (the seed), 1..3 the workers.</summary>
    public NodeProcess[] Nodes { get; } = new NodeProcess[4];

    public string Seeds => $"127.0.0.1:{_ports[0]}";

    public async Task InitializeAsync()
    {
        var started = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => StartNodeAsync(i)));
        started.CopyTo(Nodes, 0);
        await AllUpAsync();
    }

    public Task<NodeProcess> StartNodeAsync(int index) =>
        NodeProcess.StartAsync(index == 0 ? "coordinator" : $"worker{index}", "127.0.0.1", _ports[index], Seeds,
            index == 0 ? "coordinator" : "worker", null, "--secret", NodeProcess.Secret);

    /// <summary>Replaces node <paramref name="index"/> (which must have exited) by a fresh incarnation on the same port.</summary>
    public async Task<NodeProcess> RestartAsync(int index)
    {
        Nodes[index].Dispose();
        Nodes[index] = await StartNodeAsync(index);
        return Nodes[index];
    }

    /// <summary>Waits until every live node printed MemberUp for every current incarnation.</summary>
    public async Task AllUpAsync()
    {
        foreach (var observer in Nodes)
            foreach (var subject in Nodes)
                await observer.WaitForEventAsync("MemberUp", subject.Port, subject.Uid);
    }

    public Task DisposeAsync()
    {
        foreach (var node in Nodes) node?.Dispose();
        return Task.CompletedTask;
    }
}
