using Troupe.Training.Tuning;

namespace Troupe.Training.Tests.Tuning;

/// <summary>"Better" and "best" for one metric: the table, schedulers, reports and tracker callbacks all ask it.</summary>
public sealed class MetricObjectiveSpecs
{
    [Theory]
    [InlineData("valid_loss", MetricMode.Min)]
    [InlineData("perplexity", MetricMode.Min)]
    [InlineData("accuracy", MetricMode.Max)]
    [InlineData("error_rate", MetricMode.Min)]
    [InlineData("my_loss", MetricMode.Min)]
    [InlineData("f1", MetricMode.Max)]
    public void Of_must_default_to_the_known_metrics_mode_else_fastais_loss_or_error_rule(string metric, MetricMode mode) =>
        MetricObjective.Of(metric).Mode.Should().Be(mode);

    [Fact]
    public void Of_must_keep_an_explicit_mode() => MetricObjective.Of("valid_loss", MetricMode.Max).Mode.Should().Be(MetricMode.Max);

    [Theory]
    [InlineData(MetricMode.Min, 1.0, 2.0, 0.0, true)]
    [InlineData(MetricMode.Min, 2.0, 1.0, 0.0, false)]
    [InlineData(MetricMode.Min, 1.0, 1.0, 0.0, false)]
    [InlineData(MetricMode.Min, 1.5, 2.0, 0.5, false)]
    [InlineData(MetricMode.Min, 1.4, 2.0, 0.5, true)]
    [InlineData(MetricMode.Max, 2.0, 1.0, 0.0, true)]
    [InlineData(MetricMode.Max, 1.0, 2.0, 0.0, false)]
    [InlineData(MetricMode.Max, 2.0, 1.5, 0.5, false)]
    public void IsBetter_must_compare_by_mode_beyond_min_delta(MetricMode mode, double candidate, double incumbent, double minDelta, bool better) =>
        new MetricObjective("m", mode).IsBetter(candidate, incumbent, minDelta).Should().Be(better);

    [Theory]
    [InlineData(MetricMode.Min)]
    [InlineData(MetricMode.Max)]
    public void IsBetter_must_never_prefer_nan_or_nothing_and_anything_real_beats_them(MetricMode mode)
    {
        var o = new MetricObjective("m", mode);
        o.IsBetter(double.NaN, 1.0).Should().BeFalse();
        o.IsBetter(null, 1.0).Should().BeFalse();
        o.IsBetter(1.0, null).Should().BeTrue();
        o.IsBetter(1.0, double.NaN).Should().BeTrue();
        o.IsBetter(1e300, o.Worst).Should().BeTrue("every real value beats the worst");
        o.IsBetter(-1e300, o.Worst).Should().BeTrue("every real value beats the worst");
        o.IsBetter(o.Worst, 0.0).Should().BeFalse();
    }

    [Theory]
    [InlineData(MetricMode.Min, "b")]
    [InlineData(MetricMode.Max, "c")]
    public void Best_must_pick_the_best_real_value_and_the_first_on_a_tie(MetricMode mode, string expected)
    {
        var items = new[] { ("a", (double?)null), ("b", 1.0), ("x", double.NaN), ("c", 3.0), ("d", 1.0), ("e", 3.0) }.Select(t => new Item(t.Item1, t.Item2)).ToList();
        new MetricObjective("m", mode).Best(items, i => i.Value)!.Name.Should().Be(expected);
        new MetricObjective("m", mode).Best(items.Take(1), i => i.Value).Should().BeNull();
    }

    [Fact]
    public void RankKey_must_order_better_values_first_and_missing_ones_last()
    {
        var o = new MetricObjective("accuracy", MetricMode.Max);
        new double?[] { 0.5, null, 0.9, double.NaN, 0.7 }.OrderBy(o.RankKey).Should().Equal(0.9, 0.7, 0.5, null, double.NaN);
    }

    private sealed record Item(string Name, double? Value);
}
