using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Akka.Actor;
using Troupe.Node.Transfer;

namespace Troupe.Bench.Cluster;

/// <summary>
/// A 256 MB checkpoint between two processes: Troupe's <see cref="BlobTransfer"/> (Akka.Streams stream ref, 64 KiB
/// chunks, over Akka.Remote) into a file with its SHA-256 checked and fsynced, against the same bytes over a plain
/// loopback TCP socket into a file (the reference, same run). The child process offers; this process receives.
/// </summary>
public static class Transfer
{
    public const int Megabytes = 256;

    /// <summary>Child mode: serves offers of a fresh 256 MB payload (on "offer") and the raw bytes on a TCP port.</summary>
    public static void Child(int port, int rawPort)
    {
        var payload = Payload();
        var system = Nodes.System(port, "default");
        system.ActorOf(Props.Create(() => new Offerer(payload)), "offerer");
        var raw = new TcpListener(IPAddress.Loopback, rawPort);
        raw.Start();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await raw.AcceptTcpClientAsync();
                await using var stream = client.GetStream();
                for (var at = 0; at < payload.Length; at += BlobTransfer.ChunkBytes)
                    await stream.WriteAsync(payload.AsMemory(at, Math.Min(BlobTransfer.ChunkBytes, payload.Length - at)));
            }
        });
        Console.WriteLine("ready");
        system.WhenTerminated.Wait();
    }

    /// <summary>One round: MB/s of the stream-ref transfer and of the raw socket copy.</summary>
    public static (double StreamRef, double Raw) Round(ActorSystem system, string server, int rawPort, string folder)
    {
        var offerer = Nodes.Resolve(system, $"{server}/user/offerer");
        var path = Path.Combine(folder, "received.ckpt");
        var clock = Stopwatch.StartNew();
        var reply = offerer.Ask<OfferReply>("offer", TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        var chunks = BlobRefWire.FromBinary(system, reply.Ref, reply.SerializerId, reply.Manifest);
        BlobTransfer.ReceiveToFile(system, new BlobOffer(chunks, reply.Length, reply.Sha256), path).GetAwaiter().GetResult();
        var streamRef = Megabytes / clock.Elapsed.TotalSeconds;
        File.Delete(path);

        clock.Restart();
        using (var client = new TcpClient())
        {
            client.Connect(IPAddress.Loopback, rawPort);
            using var stream = client.GetStream();
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BlobTransfer.ChunkBytes);
            var buffer = new byte[BlobTransfer.ChunkBytes];
            long total = 0;
            int n;
            while (total < (long)Megabytes << 20 && (n = stream.Read(buffer)) > 0)
            {
                file.Write(buffer, 0, n);
                total += n;
            }
            file.Flush(flushToDisk: true);
        }
        var raw = Megabytes / clock.Elapsed.TotalSeconds;
        File.Delete(path);
        return (streamRef, raw);
    }

    private static byte[] Payload()
    {
        var bytes = new byte[Megabytes << 20];
        new Random(256).NextBytes(bytes);
        return bytes;
    }

    /// <summary>An offer as Troupe's wire carries it: the stream ref's bytes (<see cref="BlobRefWire"/>), length, hash.</summary>
    public sealed record OfferReply(byte[] Ref, int SerializerId, string Manifest, long Length, string Sha256);

    private sealed class Offerer : ReceiveActor
    {
        public Offerer(byte[] payload)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(payload));
            ReceiveAsync<string>(_ => true, async _ =>
            {
                var sending = await BlobTransfer.Offer(Context.System, payload);
                var (bytes, id, manifest) = BlobRefWire.ToBinary(Context.System, sending.Offer.Chunks);
                Sender.Tell(new OfferReply(bytes, id, manifest, sending.Offer.Length, sha));
            });
        }
    }
}
