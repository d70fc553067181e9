namespace Troupe.Cluster.Remote.Transport;

/// <summary>A send refused because the payload exceeds the maximum message size; the message was not sent.</summary>
public sealed class MessageTooLargeException(long size, long maximumMessageSize, string recipient)
    : Exception($"message of {size} bytes for {recipient} exceeds the maximum message size of {maximumMessageSize} bytes")
{
    public long Size { get; } = size;
    public long MaximumMessageSize { get; } = maximumMessageSize;
}
