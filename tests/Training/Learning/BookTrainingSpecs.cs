using TorchSharp;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;
using Xunit.Abstractions;

namespace Troupe.Training.Tests.Learning;

/// <summary>
/// Chapter 12's results: every model trained with the book's recipe (fit_one_cycle, its epochs and lr, wd 0.1
/// and AR/TAR for LMModel7) on Human Numbers with seed 42 reaches the band the book reports.
/// </summary>
public sealed class BookTrainingSpecs(ITestOutputHelper output)
{
    private static readonly Lazy<HumanNumbersCorpus> Corpus = new(HumanNumbers.Load);

    [Theory]
    [InlineData("lmmodel1", 0.45)]
    [InlineData("lmmodel2", 0.45)]
    [InlineData("lmmodel3", 0.52)]
    [InlineData("lmmodel4", 0.58)]
    [InlineData("lmmodel5", 0.45)]
    [InlineData("lmmodel6", 0.64)]
    [InlineData("lmmodel7", 0.80)]
    public void Book_model_must_reach_the_books_accuracy_band(string name, double band)
    {
        var accuracy = Train(name, seed: 42);

        accuracy.Should().BeGreaterThanOrEqualTo(band, $"{name} with the book's recipe and seed 42");
    }

    [Fact]
    public void AwdLstm_must_reach_085_on_human_numbers()
    {
        var recipe = HumanNumbersAwdLstm.Recipe;
        var accuracy = Train("awd_lstm", seed: 42, recipe.Hyperparameters, recipe.Wd, recipe.Lr, recipe.Epochs);

        accuracy.Should().BeGreaterThanOrEqualTo(0.85);
    }

    private double Train(string name, int seed, IReadOnlyDictionary<string, double>? hyperparameters = null, double? wd = null, double? lr = null, int? epochs = null)
    {
        var def = ModelRegistry.Get(name);
        var dls = Corpus.Value.LoadersFor(def.Layout);
        torch.manual_seed(seed);
        using var model = ModelRegistry.Create(name, dls.Vocab, hyperparameters);
        using var learn = TextLearner.Create(dls, model, def.Recipe.Alpha, def.Recipe.Beta);
        var records = learn.FitOneCycle(epochs ?? def.Recipe.Epochs, lr ?? def.Recipe.Lr, wd ?? def.Recipe.Wd);
        var table = new ProgressTable(learn.Recorder.ColumnNames);
        output.WriteLine(table.Header());
        foreach (var r in records) output.WriteLine(table.Row(r));
        return records[^1].Metric("accuracy")!.Value;
    }
}
