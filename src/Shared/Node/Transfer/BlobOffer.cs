using Akka.Streams;

namespace Troupe.Node.Transfer;

/// <summary>
/// A big payload (a checkpoint) one node offers another: a back-pressured stream of byte chunks
/// (<see cref="ISourceRef{TOut}"/>, Akka.Streams' stream ref, subscribable once, from any node of the cluster) with
/// the payload's <see cref="Length"/> and <see cref="Sha256"/> (lower-case hex), which the receiver checks before it
/// accepts anything (<see cref="BlobTransfer.ReceiveToFile"/>). The chunks are <see cref="BlobTransfer.ChunkBytes"/>
/// long, so no remote message comes near <c>maximum-frame-size</c> and heartbeats interleave with them.
/// </summary>
public sealed record BlobOffer(ISourceRef<byte[]> Chunks, long Length, string Sha256);
