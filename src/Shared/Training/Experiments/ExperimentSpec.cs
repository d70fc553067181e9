using Troupe.Training.Tuning;

namespace Troupe.Training.Experiments;

/// <summary>
/// A validated experiment (issue 6's YAML): what to train, on what, which hyperparameters to search and how, how to
/// stop bad trials, what each trial needs, and how often to retry. <see cref="Text"/> is the YAML as read, for the
/// journal. Built by <see cref="ExperimentSpecReader"/>; every invariant below holds once built:
/// <c>train.batch_size</c> is divisible by the replica counts at both ends of <c>resources.replicas</c>, ASHA's
/// <c>grace ≤ max_t ≤ train.epochs</c>, and <see cref="Model"/> is a registry name.
/// </summary>
public sealed record ExperimentSpec(
    string Name,
    DataSpec Data,
    string Model,
    TrainSpec Train,
    SearchSpace Params,
    SearchSpec Search,
    SchedulerSpec Scheduler,
    ResourcesSpec Resources,
    int Retries,
    bool Deterministic,
    string? InitFrom,
    string Source,
    string Text)
{
    /// <summary>Every trial of the experiment, in order (same spec, same trials: see <see cref="VariantGenerator"/>).</summary>
    public IReadOnlyList<TrialConfig> Trials() => VariantGenerator.Generate(Params, Search.Kind, Search.Samples, Search.Seed);

    /// <summary>A fresh trial scheduler as the spec says.</summary>
    public TrialScheduler CreateScheduler() => Scheduler.Create(Train);

    /// <summary>The retry budget the spec allows.</summary>
    public RetryBudget CreateRetryBudget() => new(Retries);
}
