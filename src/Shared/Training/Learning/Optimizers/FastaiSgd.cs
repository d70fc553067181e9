using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>SGD</c>: decoupled weight decay, then with <c>mom</c> != 0 <c>grad_avg = mom*grad_avg + grad</c>
/// (no dampening) and <c>p -= lr*grad_avg</c>, else <c>p -= lr*grad</c>.
/// </summary>
internal sealed class FastaiSgd : FastaiOptimizer
{
    public FastaiSgd(IEnumerable<(string Name, Parameter Parameter)> parameters, IReadOnlySet<string> noWeightDecay, double lr,
        double mom = 0, double wd = 0)
        : base(parameters, noWeightDecay, lr, mom, wd, ["grad_avg"])
    {
    }

    public override string Kind => "SGD";

    public override IReadOnlyDictionary<string, double> ExtraHypers => new Dictionary<string, double>();

    public override void SetExtraHyper(string name, double value)
        => throw new ArgumentException($"SGD: expected no extra hyperparameters, got '{name}'", nameof(name));

    private protected override void Update(Tensor p, Tensor grad, int index, long step, double lr)
    {
        // Explicit scalars, alive until the end of this method (see FastaiOptimizer's remarks).
        using var step1 = (-lr).ToScalar();
        if (Mom == 0)
        {
            p.add_(grad, step1);
            return;
        }
        using var mom = Mom.ToScalar();
        using var one = 1.0.ToScalar();
        var gradAvg = State(0, index);
        gradAvg.mul_(mom).add_(grad, one);
        p.add_(gradAvg, step1);
    }
}
