using Troupe.Node.Transfer;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Support;

/// <summary>Checkpoints in coordinator specs: what a scripted model actor offers, and what a StartTrial offers back.</summary>
public static class TestCheckpoints
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>An offer of <paramref name="bytes"/> in <paramref name="system"/>, as a model actor makes one.</summary>
    public static BlobOffer Offer(ActorSystem system, byte[] bytes) =>
        BlobTransfer.Offer(system, bytes).WaitAsync(Bound).GetAwaiter().GetResult().Offer;

    /// <summary>The bytes <paramref name="start"/> offers (received now: its offer is used up), or null for none.</summary>
    public static byte[]? CheckpointBytes(this StartTrial start, ActorSystem system) =>
        start.Checkpoint is { } offer ? BlobTransfer.ReceiveToMemory(system, offer).WaitAsync(Bound).GetAwaiter().GetResult() : null;
}
