using Google.Protobuf;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Framing;

/// <summary>
/// Reassembles chunked envelopes on one connection. A sender writes the chunks of one message
/// consecutively, so at most one message is in assembly at a time; anything else is a protocol
/// violation (<see cref="FrameError.BadChunk"/>). The declared total length is checked against
/// <see cref="MaximumMessageSize"/> before the buffer is allocated.
/// </summary>
public sealed class ChunkAssembler(long maximumMessageSize)
{
    private byte[]? _buffer;
    private ChunkInfo? _current;
    private long _filled;

    public long MaximumMessageSize { get; } = maximumMessageSize > 0
        ? maximumMessageSize : throw new ArgumentOutOfRangeException(nameof(maximumMessageSize), $"expected a positive maximum message size, got {maximumMessageSize}");

    /// <summary>Whether a chunked message is partly received.</summary>
    public bool InProgress => _current is not null;

    /// <summary>
    /// Feeds one envelope. Returns the complete envelope (an unchunked one at once, a chunked one after its
    /// last chunk), or null while chunks are still missing.
    /// </summary>
    /// <exception cref="FrameException">chunks out of order, inconsistent sizes, or a message too large.</exception>
    public Envelope? Add(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var chunk = envelope.Chunk;
        if (chunk is null)
        {
            if (_current is not null) throw Bad($"expected chunk {_current.Index + 1} of message {_current.MessageId}, got an unchunked envelope");
            return envelope;
        }
        if (_current is null) Begin(chunk);
        else if (chunk.MessageId != _current.MessageId || chunk.Index != _current.Index + 1 || chunk.Count != _current.Count || chunk.TotalLength != _current.TotalLength)
            throw Bad($"expected chunk {_current.Index + 1}/{_current.Count} of message {_current.MessageId}, got chunk {chunk.Index}/{chunk.Count} of message {chunk.MessageId}");

        var part = envelope.Payload.Span;
        if (_filled + part.Length > (long)chunk.TotalLength)
            throw Bad($"chunks of message {chunk.MessageId} carry more than the declared {chunk.TotalLength} bytes");
        part.CopyTo(_buffer.AsSpan((int)_filled));
        _filled += part.Length;
        _current = chunk;
        if (chunk.Index + 1 < chunk.Count) return null;

        if (_filled != (long)chunk.TotalLength)
            throw Bad($"message {chunk.MessageId} declared {chunk.TotalLength} bytes, its chunks carried {_filled}");
        var whole = envelope.Clone();
        whole.Chunk = null;
        whole.Payload = UnsafeByteOperations.UnsafeWrap(_buffer);
        _buffer = null;
        _current = null;
        _filled = 0;
        return whole;
    }

    private void Begin(ChunkInfo chunk)
    {
        if (chunk.Index != 0) throw Bad($"expected chunk 0 of message {chunk.MessageId}, got chunk {chunk.Index}");
        if (chunk.Count < 2) throw Bad($"expected at least 2 chunks for a chunked message, got a count of {chunk.Count}");
        if (chunk.TotalLength > (ulong)MaximumMessageSize)
            throw Bad($"message {chunk.MessageId} of {chunk.TotalLength} bytes exceeds the maximum message size of {MaximumMessageSize} bytes");
        if (chunk.TotalLength > (ulong)Array.MaxLength)
            throw Bad($"message {chunk.MessageId} of {chunk.TotalLength} bytes exceeds the largest buffer this runtime can hold");
        _buffer = GC.AllocateUninitializedArray<byte>((int)chunk.TotalLength);
        _filled = 0;
    }

    private static FrameException Bad(string message) => new(FrameError.BadChunk, message);
}
