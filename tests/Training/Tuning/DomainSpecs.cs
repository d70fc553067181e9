using Troupe.Training.Tuning;

namespace Troupe.Training.Tests.Tuning;

public sealed class DomainSpecs
{
    private const int Draws = 2000;

    [Fact]
    public void Uniform_must_sample_inside_its_bounds_and_cover_them()
    {
        var random = new SearchRandom(1);
        var values = Enumerable.Range(0, Draws).Select(_ => new Uniform(0.2, 0.6).Sample(random).AsDouble()).ToList();

        values.Should().OnlyContain(v => v >= 0.2 && v < 0.6);
        values.Min().Should().BeLessThan(0.21);
        values.Max().Should().BeGreaterThan(0.59);
        values.Average().Should().BeApproximately(0.4, 0.01);
    }

    [Fact]
    public void LogUniform_must_be_uniform_in_log_space()
    {
        var random = new SearchRandom(2);
        var values = Enumerable.Range(0, Draws).Select(_ => new LogUniform(1e-4, 1e-1).Sample(random).AsDouble()).ToList();

        values.Should().OnlyContain(v => v >= 1e-4 && v < 1e-1);
        // One decade in three holds a third of the mass.
        values.Count(v => v < 1e-3).Should().BeInRange(Draws / 3 - 120, Draws / 3 + 120);
        values.Average(Math.Log10).Should().BeApproximately(-2.5, 0.05);
    }

    [Fact]
    public void RandInt_must_exclude_its_upper_bound_as_ray_does()
    {
        var random = new SearchRandom(3);
        var values = Enumerable.Range(0, Draws).Select(_ => new RandInt(1, 4).Sample(random)).ToList();

        values.Should().OnlyContain(v => v.Kind == ParamKind.Int);
        values.Select(v => v.AsInt()).Distinct().Order().Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Choice_must_draw_every_category_and_only_those()
    {
        var random = new SearchRandom(4);
        var choice = new Choice([64L, 128L, "big"]);

        var values = Enumerable.Range(0, 300).Select(_ => choice.Sample(random)).ToList();

        values.Distinct().OrderBy(v => v.ToString(), StringComparer.Ordinal).Should().Equal(128L, 64L, "big");
    }

    [Fact]
    public void GridValues_must_enumerate_grid_always_and_choice_only_in_a_grid_search()
    {
        new GridSearch([1L, 2L]).GridValues(SearchKind.Random).Should().Equal(ParamValue.Of(1L), ParamValue.Of(2L));
        new Choice([1L, 2L]).GridValues(SearchKind.Grid).Should().Equal(ParamValue.Of(1L), ParamValue.Of(2L));
        new Choice([1L, 2L]).GridValues(SearchKind.Random).Should().BeNull();
        new Uniform(0, 1).GridValues(SearchKind.Grid).Should().BeNull();
    }

    [Fact]
    public void Constructors_must_refuse_empty_or_inverted_domains()
    {
        ((Action)(() => _ = new Uniform(1, 0))).Should().Throw<ArgumentException>().WithMessage("uniform: expected lower < upper, got 1 and 0");
        ((Action)(() => _ = new LogUniform(-1, 1))).Should().Throw<ArgumentException>().WithMessage("loguniform: expected positive bounds*");
        ((Action)(() => _ = new Choice([]))).Should().Throw<ArgumentException>().WithMessage("choice: expected at least one value*");
    }

    [Fact]
    public void SearchRandom_must_repeat_its_stream_for_a_seed()
    {
        var a = new SearchRandom(42);
        var b = new SearchRandom(42);
        var c = new SearchRandom(43);

        var first = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToList();
        first.Should().Equal(Enumerable.Range(0, 8).Select(_ => b.NextUInt64()));
        first.Should().NotEqual(Enumerable.Range(0, 8).Select(_ => c.NextUInt64()));
    }

    [Fact]
    public void SearchRandom_must_pin_its_first_values_so_configs_stay_the_same_across_runtimes()
    {
        // SplitMix64 reference values (Vigna): seed 0 mixed once, then the stream.
        var random = new SearchRandom(0);

        random.NextUInt64().Should().Be(0xE220A8397B1DCDAFUL);
    }
}
