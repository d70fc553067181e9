using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Framing;

/// <summary>
/// Reads length-prefixed frames (4-byte big-endian length, then that many bytes of a <see cref="Pdu"/>)
/// from a <see cref="PipeReader"/>. The length is checked against <see cref="MaximumFrameSize"/> before any
/// byte of the body is buffered, so a hostile prefix cannot make the node allocate.
/// </summary>
public sealed class FrameReader(PipeReader reader, int maximumFrameSize)
{
    /// <summary>Bytes of the length prefix.</summary>
    public const int PrefixSize = 4;

    private readonly PipeReader _reader = reader ?? throw new ArgumentNullException(nameof(reader));

    public int MaximumFrameSize { get; } = maximumFrameSize > 0
        ? maximumFrameSize : throw new ArgumentOutOfRangeException(nameof(maximumFrameSize), $"expected a positive maximum frame size, got {maximumFrameSize}");

    /// <summary>
    /// The next frame's PDU, or null when the stream ended cleanly between frames.
    /// </summary>
    /// <exception cref="FrameException">oversize prefix, truncated frame or an unparsable body.</exception>
    public async ValueTask<Pdu?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryParseFrame(ref buffer, out var pdu))
            {
                _reader.AdvanceTo(buffer.Start);
                return pdu;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                var leftover = buffer.Length;
                _reader.AdvanceTo(buffer.End);
                if (leftover == 0) return null;
                throw new FrameException(FrameError.Truncated, $"stream ended inside a frame ({leftover} bytes of an unfinished frame)");
            }
            // Not a whole frame yet: everything examined, nothing consumed.
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryParseFrame(ref ReadOnlySequence<byte> buffer, out Pdu? pdu)
    {
        pdu = null;
        if (buffer.Length < PrefixSize) return false;
        Span<byte> prefix = stackalloc byte[PrefixSize];
        buffer.Slice(0, PrefixSize).CopyTo(prefix);
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length == 0)
            throw new FrameException(FrameError.Malformed, "expected a non-empty frame, got a zero length prefix");
        if (length > (uint)MaximumFrameSize)
            throw new FrameException(FrameError.Oversize, $"frame of {length} bytes exceeds the maximum frame size of {MaximumFrameSize} bytes");
        if (buffer.Length < PrefixSize + length) return false;
        var body = buffer.Slice(PrefixSize, length);
        pdu = Parse(body);
        buffer = buffer.Slice(body.End);
        return true;
    }

    private static Pdu Parse(ReadOnlySequence<byte> body)
    {
        Pdu pdu;
        try
        {
            pdu = Pdu.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FrameException(FrameError.Malformed, $"frame of {body.Length} bytes is not a valid PDU: {e.Message}", e);
        }
        if (pdu.KindCase == Pdu.KindOneofCase.None)
            throw new FrameException(FrameError.Malformed, $"frame of {body.Length} bytes carries no known PDU kind");
        return pdu;
    }
}
