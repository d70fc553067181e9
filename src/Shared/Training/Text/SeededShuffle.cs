namespace Troupe.Training.Text;

/// <summary>
/// Deterministic permutations for data loaders: a SplitMix64 stream keyed by (seed, epoch), so the order of
/// epoch <c>e</c> is the same on every machine, in every replica and after a resume, without replaying
/// earlier epochs (System.Random's seeded sequence is not promised to stay the same across runtimes).
/// </summary>
internal static class SeededShuffle
{
    /// <summary>A Fisher–Yates permutation of 0..n-1 for (seed, epoch).</summary>
    public static int[] Permutation(int n, ulong seed, int epoch)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var state = Mix(seed ^ Mix(0x9E3779B97F4A7C15UL * (ulong)(uint)epoch + 0xD1B54A32D192ED03UL));
        for (var i = n - 1; i > 0; i--)
        {
            var j = (int)Below(ref state, (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // Rejection sampling keeps every index equally likely (no modulo bias).
    private static ulong Below(ref ulong state, ulong bound)
    {
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do r = Next(ref state); while (r >= limit);
        return r % bound;
    }
}
