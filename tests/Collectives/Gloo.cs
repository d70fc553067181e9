namespace Troupe.Collectives.Tests;

/// <summary>Bounded helpers for the test's own rank: nothing here can hang a test run.</summary>
internal static class Gloo
{
    /// <summary>Timeout of groups in tests that expect success (rendezvous on two busy cores included).</summary>
    public static readonly TimeSpan Patient = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of groups in tests that expect a failure.</summary>
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(5);

    /// <summary>Bound of a call expected to fail by <see cref="Short"/>: it must not hang past a few timeouts.</summary>
    public static readonly TimeSpan FailureBound = Short * 3;

    public static Task<ProcessGroup> RendezvousAsync(int port, int rank, int worldSize, TimeSpan timeout)
        => Task.Run(() => new ProcessGroup("127.0.0.1", port, rank, worldSize, timeout)).WaitAsync(PeerProcess.Bound);

    /// <summary>Runs a blocking call off the test thread; a call still running after <paramref name="bound"/>
    /// (default <see cref="PeerProcess.Bound"/>) fails the test with a <see cref="TimeoutException"/>.</summary>
    public static Task RunAsync(Action call, TimeSpan? bound = null) => Task.Run(call).WaitAsync(bound ?? PeerProcess.Bound);

    /// <summary>Starts the other ranks of a <paramref name="worldSize"/>-rank group (every rank but <paramref name="rank"/>)
    /// and waits until each has TorchSharp loaded.</summary>
    public static async Task<PeerProcess[]> StartPeersAsync(string scenario, int port, int rank, int worldSize, TimeSpan timeout)
    {
        var peers = Enumerable.Range(0, worldSize).Where(r => r != rank)
            .Select(r => PeerProcess.Start(scenario, port, r, worldSize, timeout)).ToArray();
        try
        {
            foreach (var peer in peers) await peer.WaitForLineAsync("loaded");
            return peers;
        }
        catch
        {
            DisposeAll(peers);
            throw;
        }
    }

    /// <summary>Waits for every peer to exit 0 (their own checks passed).</summary>
    public static async Task ExpectSuccessAsync(IEnumerable<PeerProcess> peers)
    {
        foreach (var peer in peers) (await peer.WaitForExitAsync()).Should().Be(0, peer.Output);
    }

    public static void DisposeAll(IEnumerable<IDisposable> items)
    {
        foreach (var item in items) item.Dispose();
    }
}
