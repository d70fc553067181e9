using Troupe.Cluster.Remote.Handshake;

namespace Troupe.Cluster.Remote.Transport;

/// <summary>
/// How a <see cref="TcpTransport"/> binds, advertises itself, authenticates and paces its connections.
/// The bind endpoint is where the socket listens; the public (advertised) host and port are what other
/// nodes are told to connect to, so a node behind NAT or in a container can listen on 0.0.0.0:2552 and
/// advertise the name and port its peers can reach.
/// </summary>
public sealed record TransportSettings
{
    public TransportSettings(string systemName, ClusterSecret secret)
    {
        SystemName = systemName ?? throw new ArgumentNullException(nameof(systemName));
        Secret = secret ?? throw new ArgumentNullException(nameof(secret));
    }

    /// <summary>The actor system name; part of every address.</summary>
    public string SystemName { get; init; }

    public ClusterSecret Secret { get; init; }

    /// <summary>Interface to listen on (a name or an IP; 0.0.0.0 for all).</summary>
    public string BindHost { get; init; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one.</summary>
    public int BindPort { get; init; }

    /// <summary>Host name peers use to reach this node; null: the bind host (or the machine name when binding to all interfaces).</summary>
    public string? PublicHost { get; init; }

    /// <summary>Port peers use to reach this node; null: the bound port.</summary>
    public int? PublicPort { get; init; }

    /// <summary>Largest frame accepted or sent. Larger payloads travel in chunks of this size.</summary>
    public int MaximumFrameSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest message (whole payload) accepted or sent; larger sends fail with <see cref="MessageTooLargeException"/>.</summary>
    public long MaximumMessageSize { get; init; } = 512L * 1024 * 1024;

    /// <summary>Envelopes waiting per peer before senders wait (<c>SendAsync</c>) or are refused (<c>TrySend</c>).</summary>
    public int SendQueueCapacity { get; init; } = 16_384;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for TLS plus the association handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay before reconnecting to a peer; doubles up to <see cref="ReconnectBackoffMax"/>.</summary>
    public TimeSpan ReconnectBackoffMin { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectBackoffMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>An idle outbound connection sends a keep-alive heartbeat frame this often.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>An inbound connection silent for this long (no frame, not even a keep-alive) is closed.</summary>
    public TimeSpan InboundIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Optional TLS on every connection; null: plain TCP (the handshake still authenticates).</summary>
    public TlsSettings? Tls { get; init; }

    /// <summary>This incarnation's uid; null: a fresh random one.</summary>
    public ulong? Uid { get; init; }

    /// <summary>Throws with "expected X, got Y" on the first invalid setting.</summary>
    public TransportSettings Validate()
    {
        _ = new Addressing.NodeAddress(SystemName, PublicHost ?? BindHost, PublicPort ?? BindPort);
        Require(BindPort is >= 0 and <= 65535, $"expected a bind port in [0, 65535], got {BindPort}");
        Require(PublicPort is null or (> 0 and <= 65535), $"expected a public port in [1, 65535], got {PublicPort}");
        Require(MaximumFrameSize >= 1024, $"expected a maximum frame size of at least 1024 bytes, got {MaximumFrameSize}");
        Require(MaximumMessageSize >= MaximumFrameSize, $"expected a maximum message size of at least the frame size {MaximumFrameSize}, got {MaximumMessageSize}");
        Require(MaximumMessageSize <= Array.MaxLength, $"expected a maximum message size of at most {Array.MaxLength} bytes, got {MaximumMessageSize}");
        Require(SendQueueCapacity > 0, $"expected a positive send queue capacity, got {SendQueueCapacity}");
        Require(ConnectTimeout > TimeSpan.Zero, $"expected a positive connect timeout, got {ConnectTimeout}");
        Require(HandshakeTimeout > TimeSpan.Zero, $"expected a positive handshake timeout, got {HandshakeTimeout}");
        Require(ReconnectBackoffMin > TimeSpan.Zero && ReconnectBackoffMax >= ReconnectBackoffMin,
            $"expected 0 < reconnect backoff min <= max, got {ReconnectBackoffMin} and {ReconnectBackoffMax}");
        Require(KeepAliveInterval > TimeSpan.Zero, $"expected a positive keep-alive interval, got {KeepAliveInterval}");
        Require(InboundIdleTimeout > KeepAliveInterval, $"expected an inbound idle timeout above the keep-alive interval {KeepAliveInterval}, got {InboundIdleTimeout}");
        Require(Uid is null or not 0UL, "expected a non-zero uid, got 0");
        return this;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }
}
