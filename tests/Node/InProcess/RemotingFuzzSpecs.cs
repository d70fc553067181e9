using System.Buffers.Binary;
using System.Net.Sockets;
using Akka.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace Troupe.Node.Tests.InProcess;

/// <summary>
/// Garbage on the remoting port: random bytes, truncated frames, absurd frame lengths and well-framed junk, each on its
/// own TCP connection to a cluster node (Troupe's configuration, so the port speaks TLS). Bounded and seeded. Afterwards the node must still
/// be Up and still answer a real remote message.
/// </summary>
public sealed class RemotingFuzzSpecs(ITestOutputHelper output)
    : TestKit(ClusterNodes.Setup("coordinator"), ClusterNodeOptions.SystemName, output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Kinds => ["random", "truncated", "huge-length", "framed-junk", "zero-length"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Node_must_survive_garbage_on_its_remoting_port_and_keep_serving(string kind)
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitAssert(() => cluster.SelfMember.Status.Should().Be(MemberStatus.Up), Bound);
        Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        var random = new Random(kind.GetHashCode(StringComparison.Ordinal) & 0x7fff);

        for (var i = 0; i < 40; i++) await SendAsync(cluster.SelfAddress.Port!.Value, Payload(kind, random));

        cluster.SelfMember.Status.Should().Be(MemberStatus.Up);
        Sys.WhenTerminated.IsCompleted.Should().BeFalse("garbage never stops a node");
        await AnswersARemoteMessage(cluster.SelfAddress);
    }

    private static byte[] Payload(string kind, Random random)
    {
        byte[] Bytes(int n)
        {
            var b = new byte[n];
            random.NextBytes(b);
            return b;
        }
        byte[] Framed(int claimed, byte[] body)
        {
            var frame = new byte[4 + body.Length];
            BinaryPrimitives.WriteInt32BigEndian(frame, claimed);
            body.CopyTo(frame, 4);
            return frame;
        }
        return kind switch
        {
            "random" => Bytes(random.Next(1, 4096)),
            "truncated" => Framed(1000 + random.Next(1000), Bytes(random.Next(0, 900))),
            "huge-length" => Framed(int.MaxValue - random.Next(100), Bytes(16)),
            "framed-junk" => Framed(64, Bytes(64)),
            "zero-length" => Framed(0, []),
            _ => throw new ArgumentException($"expected a known kind, got {kind}", nameof(kind)),
        };
    }

    private static async Task SendAsync(int port, byte[] payload)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(payload);
            await stream.FlushAsync();
        }
        catch (IOException)
        {
            // The node may close the connection before all the garbage is written: that is the point.
        }
    }

    // A second node outside the cluster sends a real message and gets the echo back.
    private async Task AnswersARemoteMessage(Address node)
    {
        var remoteOnly = Akka.Configuration.ConfigurationFactory.ParseString("akka.actor.provider = remote").WithFallback(ClusterNodes.Config("worker"));
        var other = NodeSystem.Create("other", remoteOnly, NullLoggerFactory.Instance, ClusterNodes.Secret);
        try
        {
            var echo = other.ActorSelection(new RootActorPath(node) / "user" / "echo");
            var answer = await echo.Ask<string>("still there?", Bound);
            answer.Should().Be("still there?");
        }
        finally
        {
            await other.Terminate().WaitAsync(Bound);
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }
}
