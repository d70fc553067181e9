using System.Globalization;

namespace Troupe.Training.Tuning;

/// <summary>A float uniform in [<see cref="Lower"/>, <see cref="Upper"/>) (Ray's <c>tune.uniform</c>).</summary>
internal sealed record Uniform : Domain
{
    /// <exception cref="ArgumentException">The bounds are not finite or lower ≥ upper.</exception>
    public Uniform(double lower, double upper)
    {
        if (Check(lower, upper) is { } error) throw new ArgumentException($"uniform: {error}");
        Lower = lower;
        Upper = upper;
    }

    public double Lower { get; }

    public double Upper { get; }

    public override ParamValue Sample(Random random) => ParamValue.Of(Lower + (Upper - Lower) * random.NextDouble());

    public override string ToString() => $"uniform({ParamValue.FormatFloat(Lower)}, {ParamValue.FormatFloat(Upper)})";

    internal static string? Check(double lower, double upper) =>
        !double.IsFinite(lower) || !double.IsFinite(upper) ? $"expected finite bounds, got {Show(lower)} and {Show(upper)}"
        : lower >= upper ? $"expected lower < upper, got {Show(lower)} and {Show(upper)}"
        : null;

    internal static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
