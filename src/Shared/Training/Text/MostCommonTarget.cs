namespace Troupe.Training.Text;

/// <summary>
/// The "always predict the most common target" baseline of fastbook chapter 12: which id is most often a
/// target over a loader's epoch, and the accuracy predicting it would get (<c>thousand</c>, 0.1517 on the
/// Human Numbers validation set).
/// </summary>
public sealed record MostCommonTarget(long Index, string Token, long Count, long Total)
{
    public double Fraction => Total == 0 ? 0 : (double)Count / Total;

    /// <summary>Counts every target of epoch <paramref name="epoch"/>; ties go to the lowest id (torch.argmax).</summary>
    public static MostCommonTarget Of(ITextDataLoader loader, Vocab vocab, int epoch = 0)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(vocab);
        var counts = new long[vocab.Count];
        long total = 0;
        foreach (var batch in loader.Batches(epoch))
        {
            foreach (var y in batch.Y)
            {
                if ((ulong)y >= (ulong)counts.Length)
                    throw new InvalidDataException($"MostCommonTarget: expected target ids in [0, {counts.Length}), got {y}");
                counts[y]++;
            }
            total += batch.Y.Length;
        }
        if (total == 0) throw new InvalidDataException("MostCommonTarget: expected at least one target, got an empty loader");
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
            if (counts[i] > counts[best]) best = i;
        return new MostCommonTarget(best, vocab[best], counts[best], total);
    }
}
