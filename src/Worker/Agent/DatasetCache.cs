using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Troupe.Training.Experiments;
using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Worker.Agent;

/// <summary>
/// The datasets of one node: trials that read the same data with the same layout, batch size, BPTT length, seed and
/// given vocab (a classifier's comes from its pretrained encoder; compared by content) share one set of loaders (they are immutable: batches are built per epoch from the shared samples). Thread-safe:
/// model actors on their own threads load concurrently; a load that fails is not cached, so a retry loads again.
/// </summary>
public sealed class DatasetCache
{
    private readonly ConcurrentDictionary<Key, Lazy<TextDataLoaders>> entries = new();

    /// <summary>Datasets held.</summary>
    public int Count => entries.Count(e => e.Value.IsValueCreated);

    /// <summary>How many requests were answered from the cache.</summary>
    public int Hits => hits;

    private int hits;

    /// <summary>The loaders for these settings, loading them on first use (see <see cref="TrainingData.Load"/> for the exceptions).</summary>
    public TextDataLoaders Get(DataSpec data, DataLayout layout, int batchSize, int seqLen, ulong seed, string? baseDirectory, Vocab? vocab = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var key = new Key(data, layout, batchSize, seqLen, seed, baseDirectory, vocab is null ? null : Fingerprint(vocab));
        var fresh = new Lazy<TextDataLoaders>(() => TrainingData.Load(data, layout, batchSize, seqLen, seed, baseDirectory, vocab));
        var entry = entries.GetOrAdd(key, fresh);
        if (!ReferenceEquals(entry, fresh)) Interlocked.Increment(ref hits);
        try
        {
            return entry.Value;
        }
        catch
        {
            entries.TryRemove(new KeyValuePair<Key, Lazy<TextDataLoaders>>(key, entry));
            throw;
        }
    }

    private static string Fingerprint(Vocab vocab) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', vocab.Itos))));

    private sealed record Key(DataSpec Data, DataLayout Layout, int BatchSize, int SeqLen, ulong Seed, string? BaseDirectory, string? Vocab);
}
