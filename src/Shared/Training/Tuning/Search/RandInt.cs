namespace Troupe.Training.Tuning;

/// <summary>An integer uniform in [<see cref="Lower"/>, <see cref="Upper"/>): upper bound excluded, as Ray's <c>tune.randint</c>.</summary>
internal sealed record RandInt : Domain
{
    /// <exception cref="ArgumentException">lower ≥ upper.</exception>
    public RandInt(long lower, long upper)
    {
        if (Check(lower, upper) is { } error) throw new ArgumentException($"randint: {error}");
        Lower = lower;
        Upper = upper;
    }

    public long Lower { get; }

    public long Upper { get; }

    public override ParamValue Sample(Random random) => ParamValue.Of(random.NextInt64(Lower, Upper));

    public override string ToString() => $"randint({Lower}, {Upper})";

    internal static string? Check(long lower, long upper) =>
        lower >= upper ? $"expected lower < upper (upper excluded), got {lower} and {upper}" : null;
}
