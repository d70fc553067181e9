using Google.Protobuf;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Framing;

/// <summary>
/// Splits an envelope whose frame would exceed the frame limit into chunk envelopes that each fit one
/// frame. Chunks share the recipient, sender, serializer and manifest of the original and slice its
/// payload without copying it.
/// </summary>
public static class EnvelopeChunker
{
    /// <summary>Room kept in each frame for the PDU tag, the chunk header and varint lengths.</summary>
    private const int Overhead = 64;

    /// <summary>Whether <paramref name="envelope"/> fits in one frame as it is.</summary>
    public static bool FitsOneFrame(Envelope envelope, int maximumFrameSize) =>
        envelope.CalculateSize() + Overhead <= maximumFrameSize;

    /// <summary>
    /// The envelope itself when it fits one frame, else its chunks in order.
    /// </summary>
    /// <exception cref="FrameTooLargeException">the paths and manifest alone leave no room for payload.</exception>
    public static IEnumerable<Envelope> Split(Envelope envelope, int maximumFrameSize, ulong messageId)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (FitsOneFrame(envelope, maximumFrameSize)) return [envelope];
        var header = envelope.Clone();
        header.Payload = ByteString.Empty;
        var headerSize = header.CalculateSize() + Overhead;
        var perChunk = maximumFrameSize - headerSize;
        if (perChunk <= 0) throw new FrameTooLargeException(headerSize, maximumFrameSize);
        return Chunks(header, envelope.Payload, perChunk, messageId);
    }

    private static IEnumerable<Envelope> Chunks(Envelope header, ByteString payload, int perChunk, ulong messageId)
    {
        var total = payload.Length;
        var count = (uint)((total + (long)perChunk - 1) / perChunk);
        var memory = payload.Memory;
        for (uint index = 0; index < count; index++)
        {
            var offset = (int)(index * (long)perChunk);
            var length = Math.Min(perChunk, total - offset);
            var chunk = header.Clone();
            chunk.Payload = UnsafeByteOperations.UnsafeWrap(memory.Slice(offset, length));
            chunk.Chunk = new ChunkInfo { MessageId = messageId, Index = index, Count = count, TotalLength = (ulong)total };
            yield return chunk;
        }
    }
}
