using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using Google.Protobuf;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Cluster.Remote.Framing;
using Troupe.Cluster.Remote.Handshake;
using Troupe.Cluster.Remote.Transport;
using Troupe.Cluster.Tests.Support;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Tests.Remote;

/// <summary>
/// Bad input at a node's port for a bounded time: random bytes, truncated frames, oversize prefixes,
/// garbage after a good handshake and wrong-secret handshakes. Each bad connection is closed; a
/// well-behaved peer keeps being served in order, without loss.
/// </summary>
public class TransportFuzzSpec
{
    private static readonly TimeSpan FuzzFor = TimeSpan.FromSeconds(3);
    private const int WrongSecretPort = 3;

    private enum Attack { RandomBytes, TruncatedFrame, OversizePrefix, WrongSecret, GarbageAfterHandshake, SilentThenGone }

    [Fact]
    public async Task Transport_must_close_bad_connections_and_keep_serving_a_good_peer()
    {
        var settings = Transports.Settings() with { MaximumFrameSize = 64 * 1024, HandshakeTimeout = TimeSpan.FromMilliseconds(500) };
        var (target, targetListener) = await Transports.StartAsync(settings);
        var (good, _) = await Transports.StartAsync(settings);
        await using (target)
        await using (good)
        {
            using var stop = new CancellationTokenSource(FuzzFor);
            var sent = 0;
            var goodPeer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await good.SendAsync(target.LocalAddress.Address, Transports.Numbered(sent++));
                    if (sent % 100 == 0) await Task.Delay(1);
                }
            });
            var attacks = new Dictionary<Attack, int>();
            var fuzzers = Enumerable.Range(0, 4).Select(seed => Task.Run(async () =>
            {
                var random = new Random(seed);
                while (!stop.IsCancellationRequested)
                {
                    var attack = (Attack)random.Next(Enum.GetValues<Attack>().Length);
                    lock (attacks) attacks[attack] = attacks.GetValueOrDefault(attack) + 1;
                    await AttackAsync(attack, target.BoundEndPoint.Port, random);
                }
            })).ToList();
            await Task.WhenAll(fuzzers.Append(goodPeer));

            for (var i = 0; i < sent; i++)
                Transports.Number((await targetListener.NextAsync()).Envelope).Should().Be(i);
            attacks.Keys.Should().HaveCount(Enum.GetValues<Attack>().Length, "every kind of attack ran");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (target.InboundConnectionCount > 1 && DateTime.UtcNow < deadline) await Task.Delay(20);
            target.InboundConnectionCount.Should().Be(1, "every bad connection was closed; only the good peer's remains");
            targetListener.Associations.Should().NotContain(a => a.Remote.Address.Port == WrongSecretPort, "a wrong secret never associates");
        }
    }

    private static async Task AttackAsync(Attack attack, int port, Random random)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        try
        {
            switch (attack)
            {
                case Attack.RandomBytes:
                    var bytes = new byte[random.Next(1, 4096)];
                    random.NextBytes(bytes);
                    await stream.WriteAsync(bytes);
                    break;
                case Attack.TruncatedFrame:
                    var body = new Pdu { Envelope = Transports.Numbered(1) }.ToByteArray();
                    var frame = new byte[4 + body.Length];
                    BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
                    body.CopyTo(frame, 4);
                    await stream.WriteAsync(frame.AsMemory(0, random.Next(1, frame.Length)));
                    break;
                case Attack.OversizePrefix:
                    var prefix = new byte[4];
                    BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)random.Next(64 * 1024 + 1, int.MaxValue));
                    await stream.WriteAsync(prefix);
                    break;
                case Attack.WrongSecret:
                case Attack.GarbageAfterHandshake:
                    await HandshakeAsync(stream, attack == Attack.WrongSecret ? "not-the-cluster-secret" : Transports.Secret, random);
                    break;
                case Attack.SilentThenGone:
                    await Task.Delay(random.Next(10, 50));
                    break;
            }
            // Wait (briefly) for the node to close on us; a silent peer is closed by the handshake timeout.
            var buffer = new byte[1024];
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(attack == Attack.SilentThenGone ? 100 : 1000));
            while (await stream.ReadAsync(buffer, wait.Token) > 0) { }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or HandshakeException)
        {
            // The node closing the connection on us is the expected outcome of an attack.
        }
    }

    private static async Task HandshakeAsync(NetworkStream stream, string secret, Random random)
    {
        var reader = new FrameReader(PipeReader.Create(stream), 64 * 1024);
        var writer = new FrameWriter(PipeWriter.Create(stream), 64 * 1024);
        var port = secret == Transports.Secret ? 1 : WrongSecretPort;
        var self = new UniqueAddress(new NodeAddress("test", "127.0.0.1", port), (ulong)random.NextInt64(1, long.MaxValue));
        await HandshakeProtocol.InitiateAsync(reader, writer, ClusterSecret.FromText(secret), self,
            new NodeAddress("test", "127.0.0.1", 2), _ => false, CancellationToken.None);
        var garbage = new byte[random.Next(8, 512)];
        random.NextBytes(garbage);
        await stream.WriteAsync(garbage);
    }
}
