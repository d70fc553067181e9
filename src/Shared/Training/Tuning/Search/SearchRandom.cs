namespace Troupe.Training.Tuning;

/// <summary>
/// A <see cref="Random"/> over a SplitMix64 stream, so a search seed gives the same configs on every machine and
/// runtime (System.Random's seeded sequence is not promised to stay the same across .NET versions).
/// <see cref="ForTrial"/> keys a stream by (seed, trial index): trial i's values do not depend on other trials.
/// </summary>
internal sealed class SearchRandom : Random
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong state;

    public SearchRandom(ulong seed) => state = Mix(seed);

    /// <summary>The stream for trial <paramref name="index"/> of a search seeded with <paramref name="seed"/>.</summary>
    public static SearchRandom ForTrial(ulong seed, int index) => new(seed ^ Mix(Golden * ((ulong)(uint)index + 1)));

    /// <summary>A well-mixed 64-bit value derived from (seed, index, salt): per-trial training seeds and the like.</summary>
    public static ulong Derive(ulong seed, int index, ulong salt) => Mix(seed ^ Mix(Golden * ((ulong)(uint)index + 1) ^ Mix(salt)));

    /// <summary>The next raw 64 bits.</summary>
    public ulong NextUInt64()
    {
        state += Golden;
        return Mix(state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    protected override double Sample() => NextDouble();

    public override int Next() => (int)Below(int.MaxValue);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : (int)Below((ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue == maxValue ? minValue : (int)(minValue + (long)Below((ulong)((long)maxValue - minValue)));
    }

    public override long NextInt64() => (long)Below(long.MaxValue);

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : (long)Below((ulong)maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue == maxValue ? minValue : unchecked(minValue + (long)Below((ulong)(maxValue - minValue)));
    }

    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
    }

    // Rejection sampling: every value in [0, bound) equally likely (no modulo bias).
    private ulong Below(ulong bound)
    {
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return r % bound;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
