using System.Security.Cryptography;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Troupe.Node.Transfer;

/// <summary>
/// Moves big payloads (checkpoints) between nodes as Akka.Streams stream refs of <see cref="ChunkBytes"/> chunks:
/// the receiver's demand paces the sender (stream refs' back-pressure, at most
/// <c>akka.stream.materializer.stream-ref.buffer-capacity</c> chunks in flight), so no message nears
/// <c>maximum-frame-size</c> and heartbeats keep flowing on the shared connection. The receiver writes to a
/// <c>.part-*</c> file, checks length and SHA-256, fsyncs, then renames it into place: a file at the final path is
/// always whole. Streams run on the node's own materializer (<see cref="BlobTransfers"/>), not an actor's, so an
/// offer outlives the actor that made it (a model actor that stops after its last epoch).
/// </summary>
public static class BlobTransfer
{
    /// <summary>Bytes per chunk. 64 KiB moved 256 MB fastest over loopback (docs/benchmarks.md) and fits Akka's default frame.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Infix of a file being received (<c>PATH.part-GUID</c>); never a complete payload.</summary>
    public const string PartInfix = ".part-";

    /// <summary>How long a receiver waits for the next chunk before it fails the transfer.</summary>
    public static TimeSpan IdleTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an offer waits for its receiver to subscribe (Akka's default: 30 s). A coordinator takes epoch reports
    /// one at a time, each pulled, checked and journaled before the next: with 8 trials ending an epoch at once with
    /// 64 MiB checkpoints on a loaded machine the last offers waited longer than 30 s (bench/Coordinator/checkpoint-rss.sh).
    /// </summary>
    public static TimeSpan SubscriptionTimeout { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Offers <paramref name="bytes"/> (not to be changed until the transfer ends).</summary>
    public static Task<BlobSending> Offer(ActorSystem system, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(bytes);
        return Run(system, Source.From(Chunks(bytes)), bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Offers the file at <paramref name="path"/>, read in chunks (never whole in memory); hashed first.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static async Task<BlobSending> OfferFile(ActorSystem system, string path) => (await OfferFile(system, path, 1))[0];

    /// <summary>
    /// <paramref name="copies"/> offers of the file at <paramref name="path"/> (a stream ref is subscribed once: one
    /// per receiver), the file hashed once.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static async Task<IReadOnlyList<BlobSending>> OfferFile(ActorSystem system, string path, int copies)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        // Each copy's file is opened before the hash, so all read the bytes hashed even if the name is replaced meanwhile.
        var files = new List<FileStream>(copies);
        try
        {
            for (var i = 0; i < copies; i++) files.Add(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, ChunkBytes));
            var length = files[0].Length;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(files[0]));
            files[0].Position = 0;
            var sendings = new List<BlobSending>(copies);
            foreach (var file in files) sendings.Add(await Run(system, Source.From(Chunks(file)), length, sha));
            return sendings;
        }
        catch
        {
            foreach (var file in files) await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Receives <paramref name="offer"/> into <paramref name="path"/> (its directory is created): written to a part
    /// file, checked against the offer's length and SHA-256, fsynced, renamed into place and the directory fsynced.
    /// </summary>
    /// <returns>The bytes received (the offer's length).</returns>
    /// <exception cref="BlobTransferException">The sender failed or went away, no chunk came for
    /// <see cref="IdleTimeout"/>, or the bytes are not the offered ones; the part file is deleted, nothing is at
    /// <paramref name="path"/> that was not there before.</exception>
    public static async Task<long> ReceiveToFile(ActorSystem system, BlobOffer offer, string path, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        Check(offer);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var part = full + PartInfix + Guid.NewGuid().ToString("N");
        try
        {
            long received;
            await using (var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, ChunkBytes))
            {
                received = await Receive(system, offer, chunk => file.Write(chunk), idleTimeout);
                file.Flush(flushToDisk: true);
            }
            File.Move(part, full, overwrite: true);
            DirectorySync.Flush(directory);
            return received;
        }
        catch
        {
            File.Delete(part);
            throw;
        }
    }

    /// <summary>Receives <paramref name="offer"/> into memory, checked like <see cref="ReceiveToFile"/>.</summary>
    /// <exception cref="BlobTransferException">As <see cref="ReceiveToFile"/>, or the offer is over 2 GiB.</exception>
    public static async Task<byte[]> ReceiveToMemory(ActorSystem system, BlobOffer offer, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        Check(offer);
        if (offer.Length > Array.MaxLength) throw new BlobTransferException($"expected an offer of at most {Array.MaxLength} bytes to hold in memory, got {offer.Length}");
        var bytes = new byte[offer.Length];
        var at = 0;
        await Receive(system, offer, chunk =>
        {
            chunk.CopyTo(bytes, at);
            at += chunk.Length;
        }, idleTimeout);
        return bytes;
    }

    private static void Check(BlobOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (offer.Length < 0) throw new ArgumentException($"expected an offer of 0 or more bytes, got {offer.Length}", nameof(offer));
        if (offer.Sha256 is not { Length: 64 }) throw new ArgumentException($"expected a SHA-256 of 64 hex digits, got '{offer.Sha256}'", nameof(offer));
    }

    // Runs the offer's stream into sink (never past the offered length), then checks length and hash.
    private static async Task<long> Receive(ActorSystem system, BlobOffer offer, Action<byte[]> sink, TimeSpan? idleTimeout)
    {
        long received = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await offer.Chunks.Source
                .IdleTimeout(idleTimeout ?? IdleTimeout)
                .RunForeach(chunk =>
                {
                    if (received + chunk.Length > offer.Length) throw new BlobTransferException($"expected {offer.Length} bytes, got {received + chunk.Length} and more");
                    received += chunk.Length;
                    hash.AppendData(chunk);
                    sink(chunk);
                }, BlobTransfers.For(system).Materializer);
        }
        catch (Exception e) when (e is not BlobTransferException)
        {
            throw new BlobTransferException($"expected {offer.Length} bytes, got {received} before the transfer failed: {e.GetType().Name}: {e.Message}", e);
        }
        if (received != offer.Length) throw new BlobTransferException($"expected {offer.Length} bytes, got {received} when the sender completed");
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(sha, offer.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new BlobTransferException($"expected SHA-256 {offer.Sha256}, got {sha} over {received} bytes");
        return received;
    }

    /// <summary>Deletes the part files a crashed receiver left under <paramref name="directory"/> (recursively).</summary>
    /// <returns>How many were deleted.</returns>
    public static int RemoveStaleParts(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        var n = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*" + PartInfix + "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
            n++;
        }
        return n;
    }

    private static async Task<BlobSending> Run(ActorSystem system, Source<byte[], NotUsed> chunks, long length, string sha)
    {
        var (completion, reference) = chunks
            .WatchTermination(Keep.Right)
            .ToMaterialized(StreamRefs.SourceRef<byte[]>().WithAttributes(StreamRefAttributes.CreateSubscriptionTimeout(SubscriptionTimeout)), Keep.Both)
            .Run(BlobTransfers.For(system).Materializer);
        return new BlobSending(new BlobOffer(await reference, length, sha), completion);
    }

    private static IEnumerable<byte[]> Chunks(byte[] bytes)
    {
        for (var at = 0; at < bytes.Length; at += ChunkBytes)
            yield return bytes.AsSpan(at, Math.Min(ChunkBytes, bytes.Length - at)).ToArray();
    }

    private static IEnumerable<byte[]> Chunks(FileStream file)
    {
        using (file)
        {
            var buffer = new byte[ChunkBytes];
            int n;
            while ((n = file.Read(buffer, 0, buffer.Length)) > 0) yield return buffer.AsSpan(0, n).ToArray();
        }
    }
}
