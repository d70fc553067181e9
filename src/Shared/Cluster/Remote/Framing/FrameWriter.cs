using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Framing;

/// <summary>
/// Writes length-prefixed frames into a <see cref="PipeWriter"/>. Frames are buffered until
/// <see cref="FlushAsync"/>, which is where the pipe applies backpressure to the writer.
/// </summary>
public sealed class FrameWriter(PipeWriter writer, int maximumFrameSize)
{
    private readonly PipeWriter _writer = writer ?? throw new ArgumentNullException(nameof(writer));

    public int MaximumFrameSize { get; } = maximumFrameSize > 0
        ? maximumFrameSize : throw new ArgumentOutOfRangeException(nameof(maximumFrameSize), $"expected a positive maximum frame size, got {maximumFrameSize}");

    /// <summary>Bytes written since the last flush.</summary>
    public long UnflushedBytes { get; private set; }

    /// <summary>Buffers one frame.</summary>
    /// <exception cref="FrameTooLargeException">the PDU is larger than the maximum frame size; nothing was written.</exception>
    public void Write(Pdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var size = pdu.CalculateSize();
        if (size > MaximumFrameSize) throw new FrameTooLargeException(size, MaximumFrameSize);
        var prefix = _writer.GetSpan(FrameReader.PrefixSize);
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)size);
        _writer.Advance(FrameReader.PrefixSize);
        pdu.WriteTo(_writer);
        UnflushedBytes += FrameReader.PrefixSize + size;
    }

    /// <summary>Hands buffered frames to the connection; waits while the connection is saturated.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        UnflushedBytes = 0;
        var result = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled) throw new OperationCanceledException("frame flush was cancelled", cancellationToken);
        if (result.IsCompleted) throw new IOException("the connection stopped accepting frames");
    }
}
