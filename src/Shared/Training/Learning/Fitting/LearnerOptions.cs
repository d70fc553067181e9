using static TorchSharp.torch;
namespace Troupe.Training.Learning;

/// <summary>
/// How a Learner trains (fastai's <c>Learner</c> arguments): loss function (fastai's <c>CrossEntropyLossFlat</c>),
/// validation metrics (accuracy and perplexity by default), optimizer (fastai's Adam), default learning rate
/// (1e-3), weight decay override for every fit (null: the optimizer's), one-cycle momentums, the intra-op
/// thread count set when a fit starts (1: for small models one thread per trial is fastest), and whether
/// validation runs under no_grad.
/// </summary>
public sealed record LearnerOptions
{
    public Func<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> LossFunc { get; init; } = LossFunctions.CrossEntropyFlat;

    /// <summary>Creates the metrics; each fit uses fresh instances from it.</summary>
    public Func<IReadOnlyList<IMetric>> Metrics { get; init; } = () => [new AccuracyMetric(), new PerplexityMetric()];

    public OptimizerSpec Optimizer { get; init; } = new();

    public double Lr { get; init; } = 1e-3;

    public double? Wd { get; init; }

    public IReadOnlyList<double> Moms { get; init; } = OneCycle.DefaultMoms;

    /// <summary>Intra-op threads set at the start of every fit (process-wide); null leaves them alone.</summary>
    public int? Threads { get; init; } = 1;

    /// <summary>Where batches are placed (the model must already be there); null: the CPU.</summary>
    public TorchSharp.torch.Device? Device { get; init; }
}
