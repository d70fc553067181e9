namespace Troupe.Cluster.Remote.Framing;

/// <summary>
/// The sender tried to put more into one frame than the frame limit allows (payloads are chunked, so this
/// means the non-payload part of an envelope alone is too large). Raised to the sender; never silent.
/// </summary>
public sealed class FrameTooLargeException(long size, int maximumFrameSize)
    : Exception($"frame of {size} bytes exceeds the maximum frame size of {maximumFrameSize} bytes")
{
    public long Size { get; } = size;
    public int MaximumFrameSize { get; } = maximumFrameSize;
}
