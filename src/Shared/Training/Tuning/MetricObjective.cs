using Troupe.Training.Experiments;

namespace Troupe.Training.Tuning;

/// <summary>
/// The metric results are judged by and which way is better: the one place that says "better" and "best" for the
/// trial table, the schedulers (Ray's <c>metric</c> and <c>mode</c>), the reports and the tracker callbacks (fastai's
/// <c>monitor</c> and <c>comp</c>). NaN or missing values are never better and never best.
/// </summary>
public sealed record MetricObjective
{
    /// <exception cref="ArgumentException">An empty metric name.</exception>
    public MetricObjective(string metric, MetricMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        Metric = metric;
        Mode = mode;
    }

    public string Metric { get; }

    public MetricMode Mode { get; }

    /// <summary>
    /// <paramref name="metric"/> with <paramref name="mode"/>, or by default the mode of a metric Troupe reports
    /// (<see cref="TrainSpec.KnownMetrics"/>), else fastai's rule: a name with "loss" or "error" improves downwards,
    /// anything else upwards.
    /// </summary>
    public static MetricObjective Of(string metric, MetricMode? mode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        return new MetricObjective(metric, mode ?? (TrainSpec.KnownMetrics.TryGetValue(metric, out var known) ? known
            : metric.Contains("loss", StringComparison.Ordinal) || metric.Contains("error", StringComparison.Ordinal) ? MetricMode.Min : MetricMode.Max));
    }

    /// <summary>The value every real value beats (+inf for min, -inf for max).</summary>
    public double Worst => Mode == MetricMode.Min ? double.PositiveInfinity : double.NegativeInfinity;

    /// <summary>
    /// Whether <paramref name="candidate"/> beats <paramref name="incumbent"/> by more than <paramref name="minDelta"/>;
    /// anything real beats a missing or NaN incumbent.
    /// </summary>
    public bool IsBetter(double? candidate, double? incumbent, double minDelta = 0)
    {
        if (candidate is not { } c || double.IsNaN(c)) return false;
        if (incumbent is not { } i || double.IsNaN(i)) return true;
        return Mode == MetricMode.Min ? c + minDelta < i : c - minDelta > i;
    }

    /// <summary>The value signed so that larger is better (Ray's <c>metric_op * value</c>).</summary>
    public double Reward(double value) => Mode == MetricMode.Max ? value : -value;

    /// <summary>
    /// The item of <paramref name="items"/> with the best value, the first of them on a tie; null when none has a real
    /// value.
    /// </summary>
    public T? Best<T>(IEnumerable<T> items, Func<T, double?> value) where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(value);
        T? best = null;
        double? bestValue = null;
        foreach (var item in items)
        {
            var v = value(item);
            if (!IsBetter(v, bestValue)) continue;
            best = item;
            bestValue = v;
        }
        return best;
    }

    /// <summary>A sort key that puts better values first (ascending), missing and NaN values last.</summary>
    public double RankKey(double? value) => value is { } v && !double.IsNaN(v) ? -Reward(v) : double.PositiveInfinity;

    public override string ToString() => $"{Metric} ({Mode.ToString().ToLowerInvariant()})";
}
