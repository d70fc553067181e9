using Troupe.Coordinator.Sweep;
using Troupe.Training.Experiments;
using Troupe.Training.Models;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// What the spec reader cannot know but must fail before anything runs: what this coordinator does not run yet
/// (init_from), and every trial's parameters against its model (unknown names, bad values), and data folders that
/// are missing. Data-parallel resources are checked against the cluster by <see cref="ReplicaValidation"/>.
/// </summary>
internal static class SweepValidation
{
    /// <summary>The model names specs may use: the registry's and the built-in <c>noop</c>.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = [.. ModelRegistry.Names, "noop"];

    /// <exception cref="ArgumentException">The first problem found, as a user should read it.</exception>
    public static void Check(ExperimentSpec spec, string? baseDirectory)
    {
        if (spec.InitFrom is not null)
            throw new ArgumentException($"{spec.Source}: init_from: expected none (starting trials from a pretrained checkpoint is not supported by run yet), got '{spec.InitFrom}'");
        if (spec.Data.Path is { } path)
        {
            var full = Path.GetFullPath(Path.IsPathRooted(path) || baseDirectory is null ? path : Path.Combine(baseDirectory, path));
            if (!File.Exists(full) && !Directory.Exists(full))
                throw new ArgumentException($"{spec.Source}: data.path: expected a file or folder, got nothing at '{full}'");
        }
        var noop = string.Equals(spec.Model, "noop", StringComparison.OrdinalIgnoreCase);
        foreach (var trial in spec.Trials())
        {
            try
            {
                var numbers = TrialAssignments.Numbers(trial.Params);
                if (!noop) TrialRecipe.Resolve(spec.Model, numbers);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{spec.Source}: {trial.TrialId} ({trial.Params}): {ErrorText.Of(e)}", e);
            }
        }
    }
}
