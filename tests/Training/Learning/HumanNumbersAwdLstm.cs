using Troupe.Training.Experiments;
using Troupe.Training.Models;

namespace Troupe.Training.Tests.Learning;

/// <summary>
/// The AWD-LSTM recipe the Human Numbers specs train, read from the registry's Human Numbers recipe for
/// <c>awd_lstm</c> (what <c>troupe-coordinator train --model awd_lstm</c> defaults to; docs/benchmarks.md,
/// "AWD-LSTM on Human Numbers", has the search behind it), split into model hyperparameters and the Learner's lr/wd.
/// </summary>
internal sealed record HumanNumbersAwdLstm(IReadOnlyDictionary<string, double> Hyperparameters, double Wd, double Lr, int Epochs)
{
    public static HumanNumbersAwdLstm Recipe { get; } = From(ModelRegistry.Get("awd_lstm").HumanNumbers
        ?? throw new InvalidOperationException("awd_lstm: expected a Human Numbers recipe in the registry, got none"));

    private static HumanNumbersAwdLstm From(CorpusRecipe recipe)
    {
        var resolved = TrialRecipe.Resolve("awd_lstm", recipe.Parameters);
        var model = recipe.Parameters.Where(kv => !TrialRecipe.LearnerParams.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        return new HumanNumbersAwdLstm(model, resolved.Wd ?? 0, resolved.Lr, recipe.Epochs);
    }
}
