namespace Troupe.Tests.Support;

// tests/Collectives' peers: one rank of a collectives test each (tests/Collectives.Peer).
internal sealed partial class PeerProcess
{
    /// <summary>Bound of any wait on a peer: generous, since two busy cores may start .NET slowly.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static PeerProcess Start(string scenario, int port, int rank, int worldSize, TimeSpan timeout) =>
        Launch("Troupe.Collectives.Peer.dll", [scenario, "127.0.0.1", $"{port}", $"{rank}", $"{worldSize}", $"{(int)timeout.TotalMilliseconds}"]);
}
