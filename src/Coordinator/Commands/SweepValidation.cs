using Troupe.Coordinator.Sweep;
using Troupe.Training.Experiments;
using Troupe.Training.Models;
using Troupe.Training.Transfer;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// What the spec reader cannot know but must fail before anything runs: every trial's parameters against its model (unknown names, bad values) and its fit (gradual unfreezing needs an
/// AWD-LSTM and enough epochs), data folders that are missing, and the <c>init_from</c> artifact (there, an encoder
/// artifact, of each trial's sizes). Data-parallel resources are checked against the cluster by <see cref="ReplicaValidation"/>.
/// </summary>
internal static class SweepValidation
{
    /// <summary>The model names specs may use: the registry's and the built-in <c>noop</c> (<see cref="SpecModels"/>).</summary>
    public static IReadOnlyList<string> ModelNames { get; } = [.. ModelRegistry.Names, SpecModels.Noop];

    /// <exception cref="ArgumentException">The first problem found, as a user should read it.</exception>
    public static void Check(ExperimentSpec spec, string? baseDirectory)
    {
        if (spec.Data.Path is { } path)
        {
            var full = SpecPaths.Resolve(path, baseDirectory);
            if (!File.Exists(full) && !Directory.Exists(full))
                throw new ArgumentException($"{spec.Source}: data.path: expected a file or folder, got nothing at '{full}'");
        }
        var noop = SpecModels.IsNoop(spec.Model);
        var initFrom = TrialAssignments.InitFromPath(spec, baseDirectory);
        PretrainedWeights? init = null;
        try
        {
            if (initFrom is not null) init = TrialArtifacts.Load(initFrom, spec.Model);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{spec.Source}: {ErrorText.Of(e)}", e);
        }
        foreach (var trial in spec.Trials())
        {
            try
            {
                var numbers = TrialAssignments.Numbers(trial.Params);
                if (noop) continue;
                var recipe = TrialRecipe.Resolve(spec.Model, numbers);
                TrainingData.CheckLayout(spec.Data, recipe.Definition.Layout);
                recipe.Phases(spec.Train.Epochs, spec.Train.Schedule, spec.Train.Unfreeze);
                if (init is not null) TrialArtifacts.CheckFits(init, initFrom!, spec.Model, numbers);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{spec.Source}: {trial.TrialId} ({trial.Params}): {ErrorText.Of(e)}", e);
            }
        }
    }
}
