namespace Troupe.Training.Tuning;

/// <summary>
/// A float whose logarithm is uniform in [log <see cref="Lower"/>, log <see cref="Upper"/>) (Ray's <c>tune.loguniform</c>):
/// the usual domain for learning rates and weight decays.
/// </summary>
internal sealed record LogUniform : Domain
{
    /// <exception cref="ArgumentException">The bounds are not finite, not positive, or lower ≥ upper.</exception>
    public LogUniform(double lower, double upper)
    {
        if (Check(lower, upper) is { } error) throw new ArgumentException($"loguniform: {error}");
        Lower = lower;
        Upper = upper;
    }

    public double Lower { get; }

    public double Upper { get; }

    public override ParamValue Sample(Random random)
    {
        var lo = Math.Log(Lower);
        var hi = Math.Log(Upper);
        // exp(log(x)) can land a hair outside the bounds; clamp so the documented range holds exactly.
        return ParamValue.Of(Math.Clamp(Math.Exp(lo + (hi - lo) * random.NextDouble()), Lower, Math.BitDecrement(Upper)));
    }

    public override string ToString() => $"loguniform({ParamValue.FormatFloat(Lower)}, {ParamValue.FormatFloat(Upper)})";

    internal static string? Check(double lower, double upper) =>
        Uniform.Check(lower, upper) is { } error ? error
        : lower <= 0 ? $"expected positive bounds, got {Uniform.Show(lower)} and {Uniform.Show(upper)}"
        : null;
}
