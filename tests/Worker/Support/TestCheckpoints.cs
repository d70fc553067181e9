using System.Runtime.CompilerServices;
using Troupe.Node.Transfer;
using Troupe.Worker.Protocol;

namespace Troupe.Worker.Tests.Support;

/// <summary>
/// Checkpoints in specs: bytes offered as the coordinator would (a stream ref in this system), and a report's offer
/// received once and remembered (a stream ref can be subscribed only once, specs read a checkpoint several times).
/// </summary>
public static class TestCheckpoints
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly ConditionalWeakTable<BlobOffer, byte[]> Received = new();

    /// <summary>An offer of <paramref name="bytes"/>, or null for none.</summary>
    public static BlobOffer? Offer(ActorSystem system, byte[]? bytes) =>
        bytes is null ? null : BlobTransfer.Offer(system, bytes).WaitAsync(Bound).GetAwaiter().GetResult().Offer;

    /// <summary>The bytes of <paramref name="report"/>'s checkpoint (received on first use).</summary>
    public static byte[] CheckpointBytes(this EpochCompleted report, ActorSystem system) =>
        Received.GetValue(report.Checkpoint, offer => BlobTransfer.ReceiveToMemory(system, offer).WaitAsync(Bound).GetAwaiter().GetResult());
}
