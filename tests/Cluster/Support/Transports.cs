using Google.Protobuf;
using Troupe.Cluster.Remote.Handshake;
using Troupe.Cluster.Remote.Transport;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Tests.Support;

/// <summary>Transports on loopback with test timings.</summary>
public static class Transports
{
    public const string Secret = "test-cluster-secret";

    public static TransportSettings Settings(string system = "test", string secret = Secret) => new(system, ClusterSecret.FromText(secret))
    {
        BindHost = "127.0.0.1",
        ReconnectBackoffMin = TimeSpan.FromMilliseconds(20),
        ReconnectBackoffMax = TimeSpan.FromMilliseconds(200),
        HandshakeTimeout = TimeSpan.FromSeconds(3),
    };

    public static async Task<(TcpTransport Transport, RecordingListener Listener)> StartAsync(TransportSettings? settings = null)
    {
        var listener = new RecordingListener();
        var transport = new TcpTransport(settings ?? Settings(), listener);
        await transport.StartAsync();
        return (transport, listener);
    }

    public static Envelope Envelope(byte[] payload, string recipient = "/user/echo", ulong recipientUid = 0) => new()
    {
        Recipient = recipient,
        Sender = "/user/sender",
        SerializerId = 1,
        Manifest = "bytes",
        Payload = ByteString.CopyFrom(payload),
        RecipientSystemUid = recipientUid,
    };

    public static Envelope Numbered(int n) => Envelope(BitConverter.GetBytes(n));

    public static int Number(Envelope envelope) => BitConverter.ToInt32(envelope.Payload.Span);
}
