using TorchSharp.Modules;

namespace Troupe.Training.Learning;

/// <summary>
/// Which fastai optimizer a Learner creates (its <c>opt_func</c>) and its starting hyperparameters. The default
/// is fastai's Adam (mom 0.9, sqr_mom 0.99, eps 1e-5, wd 0.01); <c>fit(wd=...)</c> overrides <c>wd</c>.
/// </summary>
public sealed record OptimizerSpec(
    string Kind = "Adam",
    double Mom = FastaiAdam.DefaultMom,
    double SqrMom = FastaiAdam.DefaultSqrMom,
    double Eps = FastaiAdam.DefaultEps,
    double Wd = FastaiAdam.DefaultWd)
{
    /// <summary>fastai's <c>SGD</c> defaults (no momentum, no weight decay).</summary>
    public static OptimizerSpec Sgd(double mom = 0, double wd = 0) => new("SGD", mom, 0, 0, wd);

    public FastaiOptimizer Create(IEnumerable<(string Name, Parameter Parameter)> parameters, IReadOnlySet<string> noWeightDecay, double lr) => Kind switch
    {
        "Adam" => new FastaiAdam(parameters, noWeightDecay, lr, Mom, SqrMom, Eps, Wd),
        "SGD" => new FastaiSgd(parameters, noWeightDecay, lr, Mom, Wd),
        _ => throw new ArgumentException($"OptimizerSpec: expected Kind Adam or SGD, got '{Kind}'"),
    };
}
