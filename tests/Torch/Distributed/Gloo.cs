using TorchSharp;

namespace Troupe.Torch.Tests.Distributed;

/// <summary>Bounded helpers for the test's own rank: nothing here can hang a test run.</summary>
internal static class Gloo
{
    /// <summary>Timeout of groups in tests that expect success (rendezvous on two busy cores included).</summary>
    public static readonly TimeSpan Patient = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of groups in tests that expect a failure.</summary>
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(5);

    public static Task<torch.distributed.ProcessGroup> RendezvousAsync(int port, int rank, int worldSize, TimeSpan timeout)
        => Task.Run(() => new torch.distributed.ProcessGroup("127.0.0.1", port, rank, worldSize, timeout)).WaitAsync(PeerProcess.Bound);

    /// <summary>Runs a blocking call off the test thread; a call still running after <paramref name="bound"/>
    /// (default <see cref="PeerProcess.Bound"/>) fails the test with a <see cref="TimeoutException"/>.</summary>
    public static Task RunAsync(Action call, TimeSpan? bound = null) => Task.Run(call).WaitAsync(bound ?? PeerProcess.Bound);

    /// <summary>Bound of a call expected to fail by <see cref="Short"/>: it must not hang past a few timeouts.</summary>
    public static readonly TimeSpan FailureBound = Short * 3;

    public static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (var tensor in tensors) tensor.Dispose();
    }
}
