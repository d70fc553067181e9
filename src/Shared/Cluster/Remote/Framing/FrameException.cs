namespace Troupe.Cluster.Remote.Framing;

/// <summary>Why a byte stream stopped being a valid sequence of frames.</summary>
public enum FrameError
{
    /// <summary>A length prefix larger than the configured maximum frame size.</summary>
    Oversize,
    /// <summary>The stream ended in the middle of a frame.</summary>
    Truncated,
    /// <summary>A frame whose bytes are not a valid protocol data unit.</summary>
    Malformed,
    /// <summary>Chunks that do not reassemble into one message (wrong order, size or count).</summary>
    BadChunk,
}

/// <summary>
/// A protocol violation on one connection. The connection that produced it is closed; the node and its
/// other connections carry on.
/// </summary>
public sealed class FrameException(FrameError error, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public FrameError Error { get; } = error;
}
