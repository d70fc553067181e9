using System.Globalization;
using TorchSharp;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;
using Xunit.Abstractions;

namespace Troupe.Training.Tests.Learning;

/// <summary>
/// The slow check behind docs/benchmarks.md's "book accuracies" table (<c>make test-slow</c>, not in CI): each of
/// LMModel1–7 trained with the book's recipe under seeds 0, 1 and 2 (LMModel7 also under seeds 0–4, median ≥ 0.85);
/// the median valid accuracy must stay in the CI band, and is printed beside the book's figure (the goal) for the record.
/// </summary>
[Trait("Category", "Slow")]
public sealed class BookMedianSpecs(ITestOutputHelper output)
{
    private static readonly Lazy<HumanNumbersCorpus> Corpus = new(HumanNumbers.Load);

    [Theory]
    [InlineData("lmmodel1", 0.45, 0.494)]
    [InlineData("lmmodel2", 0.45, 0.494)]
    [InlineData("lmmodel3", 0.52, 0.589)]
    [InlineData("lmmodel4", 0.58, 0.640)]
    [InlineData("lmmodel5", 0.45, 0.488)]
    [InlineData("lmmodel6", 0.64, 0.758)]
    [InlineData("lmmodel7", 0.80, 0.869)]
    public void Median_over_three_seeds_must_stay_in_the_band(string name, double band, double book)
    {
        var def = ModelRegistry.Get(name);
        var median = Median(def, "book", book, null, def.Recipe.Epochs, def.Recipe.Lr, def.Recipe.Wd);

        median.Should().BeGreaterThanOrEqualTo(band);
    }

    // On TorchSharp (libtorch 2.10) the book's LMModel7 recipe must keep the book's level: a median of 0.85 over five seeds.
    [Fact]
    public void LMModel7_median_over_five_seeds_must_reach_085()
    {
        var def = ModelRegistry.Get("lmmodel7");
        var median = Median(def, "book", 0.869, null, def.Recipe.Epochs, def.Recipe.Lr, def.Recipe.Wd, seeds: [0, 1, 2, 3, 4]);

        median.Should().BeGreaterThanOrEqualTo(0.85);
    }

    // The issue's goal for AWD-LSTM is 0.85 (the CI spec trains seed 42); the band is LMModel7's.
    [Fact]
    public void AwdLstm_median_over_three_seeds_must_stay_in_the_band()
    {
        var recipe = HumanNumbersAwdLstm.Recipe;
        var median = Median(ModelRegistry.Get("awd_lstm"), "goal", 0.85, recipe.Hyperparameters, recipe.Epochs, recipe.Lr, recipe.Wd);

        median.Should().BeGreaterThanOrEqualTo(0.80);
    }

    private double Median(ModelDefinition def, string goalName, double goal, IReadOnlyDictionary<string, double>? hyperparameters, int epochs, double lr, double? wd,
        int[]? seeds = null)
    {
        var name = def.Name;
        var dls = Corpus.Value.LoadersFor(def.Layout);
        var accuracies = new List<double>();
        foreach (var seed in seeds ?? [0, 1, 2])
        {
            torch.manual_seed(seed);
            using var model = ModelRegistry.Create(name, dls.Vocab, hyperparameters);
            using var learn = TextLearner.Create(dls, model, def.Recipe.Alpha, def.Recipe.Beta);
            accuracies.Add(learn.FitOneCycle(epochs, lr, wd)[^1].Metric("accuracy")!.Value);
        }
        var median = accuracies.Order().ElementAt(accuracies.Count / 2);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {string.Join(" / ", accuracies.Select(a => a.ToString("F3", CultureInfo.InvariantCulture)))} | {median:F3} | {goal:F3} ({goalName}) | {(median >= goal ? "at or above" : "below")} |");
        output.WriteLine(line);
        var results = Path.Combine(AppContext.BaseDirectory, "book-medians.md");
        lock (Corpus) File.AppendAllText(results, line + Environment.NewLine);
        return median;
    }
}
