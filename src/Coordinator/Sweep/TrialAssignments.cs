using Troupe.Training.Experiments;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Sweep;

/// <summary>Turns a spec and one of its trials into the plain-valued <see cref="TrialAssignment"/> a worker trains.</summary>
internal static class TrialAssignments
{
    public static TrialAssignment For(ExperimentSpec spec, TrialConfig trial, string? specBaseDirectory) => new(
        trial.TrialId, spec.Model, Numbers(trial.Params), spec.Data, specBaseDirectory, spec.Search.Seed, spec.Train.Epochs, spec.Train.BatchSize,
        spec.Train.SeqLen, spec.Train.Schedule, trial.Seed, spec.Deterministic, spec.Resources.SlotsPerReplica, spec.Train.Unfreeze,
        InitFromPath(spec, specBaseDirectory));

    /// <summary>The spec's <c>init_from</c> as an absolute path (relative ones are resolved against the spec's folder, as data paths are), or null.</summary>
    public static string? InitFromPath(ExperimentSpec spec, string? specBaseDirectory) => spec.InitFrom is not { } path ? null
        : SpecPaths.Resolve(path, specBaseDirectory);

    /// <summary>The trial's values as numbers (booleans as 0/1).</summary>
    /// <exception cref="ArgumentException">A string value: no model takes one.</exception>
    public static IReadOnlyDictionary<string, double> Numbers(ParamSet parameters)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            result[name] = value.Kind switch
            {
                ParamKind.Bool => value.AsBool() ? 1 : 0,
                ParamKind.String => throw new ArgumentException($"params.{name}: expected a number or a bool, got the string '{value.AsString()}'"),
                _ => value.AsDouble(),
            };
        }
        return result;
    }
}
