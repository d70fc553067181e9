using System.Globalization;

namespace Troupe.Training.Tuning;

/// <summary>
/// One report of a trial as a scheduler sees it: <see cref="Time"/> is the progress axis (the epoch number, 1-based:
/// Ray's <c>training_iteration</c>) and <see cref="Metrics"/> the values reported at that time (<c>valid_loss</c>, ...).
/// </summary>
public sealed record TrialResult(double Time, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>A result with a single metric.</summary>
    public static TrialResult Of(double time, string metric, double value) => new(time, new Dictionary<string, double> { [metric] = value });

    /// <summary>The value of <paramref name="metric"/>.</summary>
    /// <exception cref="ArgumentException">The result does not carry that metric.</exception>
    public double Value(string metric) => Metrics.TryGetValue(metric, out var v)
        ? v
        : throw new ArgumentException($"TrialResult: expected metric '{metric}', got [{string.Join(", ", Metrics.Keys)}] at time {Time.ToString(CultureInfo.InvariantCulture)}", nameof(metric));
}
