using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Troupe.Cluster.Remote.Transport;
using Troupe.Cluster.Tests.Support;

namespace Troupe.Cluster.Tests.Remote;

public class TcpTransportSpec
{
    private static async Task AwaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"expected {what} within 20 s, got it not");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Transport_must_deliver_envelopes_in_order_in_both_directions()
    {
        var (a, aListener) = await Transports.StartAsync();
        var (b, bListener) = await Transports.StartAsync();
        await using (a)
        await using (b)
        {
            const int count = 5000;
            var sendA = Task.Run(async () => { for (var i = 0; i < count; i++) await a.SendAsync(b.LocalAddress.Address, Transports.Numbered(i)); });
            var sendB = Task.Run(async () => { for (var i = 0; i < count; i++) await b.SendAsync(a.LocalAddress.Address, Transports.Numbered(i)); });
            await Task.WhenAll(sendA, sendB);
            for (var i = 0; i < count; i++)
            {
                var (from, envelope) = await bListener.NextAsync();
                from.Should().Be(a.LocalAddress);
                Transports.Number(envelope).Should().Be(i);
                Transports.Number((await aListener.NextAsync()).Envelope).Should().Be(i);
            }
            bListener.Dropped.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task Transport_must_chunk_a_message_larger_than_a_frame_and_keep_order_around_it()
    {
        var settings = Transports.Settings() with { MaximumFrameSize = 64 * 1024 };
        var (a, _) = await Transports.StartAsync(settings);
        var (b, bListener) = await Transports.StartAsync(settings);
        await using (a)
        await using (b)
        {
            var big = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
            a.TrySend(b.LocalAddress.Address, Transports.Numbered(1)).Should().BeTrue();
            a.TrySend(b.LocalAddress.Address, Transports.Envelope(big, "/user/big")).Should().BeTrue();
            a.TrySend(b.LocalAddress.Address, Transports.Numbered(2)).Should().BeTrue();
            Transports.Number((await bListener.NextAsync()).Envelope).Should().Be(1);
            var received = (await bListener.NextAsync()).Envelope;
            received.Recipient.Should().Be("/user/big");
            received.Chunk.Should().BeNull();
            received.Payload.Span.SequenceEqual(big).Should().BeTrue();
            Transports.Number((await bListener.NextAsync()).Envelope).Should().Be(2);
        }
    }

    [Fact]
    public async Task Transport_must_refuse_a_message_over_the_maximum_message_size_explicitly()
    {
        var settings = Transports.Settings() with { MaximumFrameSize = 4096, MaximumMessageSize = 8192 };
        var (a, _) = await Transports.StartAsync(settings);
        await using (a)
        {
            var act = () => a.TrySend(a.LocalAddress.Address, Transports.Envelope(new byte[8193]));
            act.Should().Throw<MessageTooLargeException>().WithMessage("message of 8193 bytes for /user/echo exceeds the maximum message size of 8192 bytes");
        }
    }

    [Fact]
    public async Task Transport_must_reconnect_to_a_restarted_peer_and_report_its_new_incarnation()
    {
        var (a, aListener) = await Transports.StartAsync();
        var (b1, b1Listener) = await Transports.StartAsync();
        await using (a)
        {
            var port = b1.BoundEndPoint.Port;
            var old = b1.LocalAddress;
            a.TrySend(old.Address, Transports.Numbered(1));
            Transports.Number((await b1Listener.NextAsync()).Envelope).Should().Be(1);
            await b1.DisposeAsync();

            var (b2, b2Listener) = await Transports.StartAsync(Transports.Settings() with { BindPort = port });
            await using (b2)
            {
                b2.LocalAddress.Address.Should().Be(old.Address);
                // Envelopes sent while the peer was away may be lost (at most once); keep sending until one lands.
                var n = 100;
                while (!b2Listener.TryNext(out _))
                {
                    a.TrySend(old.Address, Transports.Numbered(n++));
                    await Task.Delay(20);
                    if (n > 1100) throw new TimeoutException("expected the restarted peer to receive an envelope, got none");
                }
                await AwaitAsync(() => !aListener.Incarnations.IsEmpty, "a new-incarnation report");
                aListener.Incarnations.Should().ContainSingle().Which.Should().Be((old, b2.LocalAddress));

                // An envelope for the old incarnation is a dead letter, not a delivery to the new one.
                a.TrySend(old.Address, Transports.Envelope([9], "/user/old", recipientUid: old.Uid));
                a.TrySend(old.Address, Transports.Numbered(-1));
                while (b2Listener.TryNext(out _)) { }
                await AwaitAsync(() => aListener.Dropped.Any(d => d.Envelope.Recipient == "/user/old"), "a dead letter for the old incarnation");
                aListener.Dropped.Single(d => d.Envelope.Recipient == "/user/old").Reason.Should().Contain($"incarnation {old.Uid} is gone");
            }
        }
    }

    [Fact]
    public async Task Transport_must_refuse_a_quarantined_incarnation_in_both_directions()
    {
        var (a, aListener) = await Transports.StartAsync();
        var (b, bListener) = await Transports.StartAsync();
        await using (a)
        await using (b)
        {
            b.TrySend(a.LocalAddress.Address, Transports.Numbered(1));
            await aListener.NextAsync();
            a.Quarantine(b.LocalAddress, "downed by the cluster");
            a.IsQuarantined(b.LocalAddress).Should().BeTrue();

            // The first envelopes may still go down the connection being closed; b reconnects on the next ones.
            await AwaitAsync(() => b.TrySend(a.LocalAddress.Address, Transports.Numbered(2)) && !bListener.QuarantinedByPeer.IsEmpty,
                "b to learn it is quarantined");
            bListener.QuarantinedByPeer.First().Reason.Should().Contain("quarantined");

            a.TrySend(b.LocalAddress.Address, Transports.Numbered(3));
            await AwaitAsync(() => !aListener.Dropped.IsEmpty, "a dead letter for the quarantined peer");
            aListener.TryNext(out _).Should().BeFalse();
        }
    }

    [Fact]
    public async Task Transport_must_apply_backpressure_when_a_peer_queue_is_full()
    {
        var settings = Transports.Settings() with { SendQueueCapacity = 4 };
        var (a, _) = await Transports.StartAsync(settings);
        var (dead, _) = await Transports.StartAsync();
        var nowhere = dead.LocalAddress.Address;
        await dead.DisposeAsync();
        await using (a)
        {
            var accepted = 0;
            while (a.TrySend(nowhere, Transports.Numbered(accepted)) && accepted < 100) accepted++;
            accepted.Should().BeInRange(4, 5); // the capacity, plus at most one taken by the connecting loop
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var act = async () => await a.SendAsync(nowhere, Transports.Numbered(-1), cts.Token);
            await act.Should().ThrowAsync<OperationCanceledException>();
        }
    }

    [Fact]
    public async Task Transport_must_advertise_its_public_host_and_port_apart_from_the_bind_address()
    {
        var (a, _) = await Transports.StartAsync(Transports.Settings() with { PublicHost = "node-a.example", PublicPort = 31000 });
        await using (a)
        {
            a.BoundEndPoint.Address.ToString().Should().Be("127.0.0.1");
            a.BoundEndPoint.Port.Should().NotBe(31000);
            a.LocalAddress.Address.ToString().Should().Be("troupe://test@node-a.example:31000");
        }
    }

    [Fact]
    public async Task Transport_must_not_associate_peers_with_different_secrets()
    {
        var (a, aListener) = await Transports.StartAsync(Transports.Settings(secret: "secret-number-one"));
        var (b, bListener) = await Transports.StartAsync(Transports.Settings(secret: "secret-number-two"));
        await using (a)
        await using (b)
        {
            a.TrySend(b.LocalAddress.Address, Transports.Numbered(1));
            await Task.Delay(300);
            bListener.TryNext(out _).Should().BeFalse();
            aListener.Associations.Should().BeEmpty();
            bListener.Associations.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task Transport_must_deliver_over_tls_with_a_shared_cluster_certificate()
    {
        var path = Path.Combine(Path.GetTempPath(), $"troupe-cluster-{Guid.NewGuid():N}.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=troupe-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pw"));
        }
        try
        {
            var settings = Transports.Settings() with { Tls = new TlsSettings(path, "pw") };
            var (a, _) = await Transports.StartAsync(settings);
            var (b, bListener) = await Transports.StartAsync(settings);
            await using (a)
            await using (b)
            {
                a.TrySend(b.LocalAddress.Address, Transports.Envelope(ByteString.CopyFromUtf8("over tls").ToByteArray()));
                (await bListener.NextAsync()).Envelope.Payload.ToStringUtf8().Should().Be("over tls");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
