using Troupe.Training.Learning;

namespace Troupe.Training.Tests.Learning;

public sealed class LrSuggestionsSpecs
{
    // The curve of Reference/one_cycle.py; its suggestions come from fastai's valley/minimum/steep.
    private static readonly double[] Lrs = Enumerable.Range(0, 100).Select(i => 1e-7 * Math.Pow(10 / 1e-7, i / 99.0)).ToArray();

    private static readonly double[] Losses = Enumerable.Range(0, 100)
        .Select(i => 3.0 - 2.0 * Math.Pow(Math.Sin(i / 40.0), 2) + (i > 70 ? 0.3 * (i - 70) : 0) + 0.05 * Math.Sin(i))
        .ToArray();

    [Fact]
    public void Suggestions_must_match_fastais_functions()
    {
        LrSuggestions.Valley(Lrs, Losses).Should().BeApproximately(0.00020565123083486514, 1e-15);
        LrSuggestions.Minimum(Lrs, Losses).Should().BeApproximately(0.0008497534359086439, 1e-15);
        LrSuggestions.Steep(Lrs, Losses).Should().BeApproximately(5.590810182512223e-05, 1e-16);
    }

    [Fact]
    public void Trim_must_drop_the_first_tenth_the_last_five_and_everything_from_the_first_nan()
    {
        var losses = Losses.ToArray();
        losses[60] = double.NaN;

        var (lrs, trimmed) = LrSuggestions.Trim(Lrs, losses, numIt: 100);

        lrs.Should().HaveCount(50).And.StartWith(Lrs[10]);
        trimmed.Should().Equal(Losses[10..60]);
    }

    [Fact]
    public void Suggestions_must_reject_mismatched_inputs()
    {
        var act = () => LrSuggestions.Valley([1e-3, 1e-2], [1.0]);

        act.Should().Throw<ArgumentException>().WithMessage("valley: expected as many losses as learning rates*got 2 rates and 1 losses*");
    }
}
