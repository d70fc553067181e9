using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>Adam</c> (decoupled weight decay, i.e. AdamW): <c>mom</c> 0.9 (beta1, what one-cycle schedules),
/// <c>sqr_mom</c> 0.99 (beta2), <c>eps</c> 1e-5, <c>wd</c> 0.01. Per parameter and in fastai's order:
/// <c>p *= 1-lr*wd</c>; <c>grad_avg = mom*grad_avg + (1-mom)*grad</c>; <c>sqr_avg = sqr_mom*sqr_avg + (1-sqr_mom)*grad²</c>;
/// <c>p -= lr/debias1 * grad_avg / (sqrt(sqr_avg/debias2) + eps)</c> with <c>debias = 1 - mom**step</c>
/// computed as fastai's <c>debias(mom, 1-mom, step)</c>.
/// </summary>
internal sealed class FastaiAdam : FastaiOptimizer
{
    public const double DefaultMom = 0.9;
    public const double DefaultSqrMom = 0.99;
    public const double DefaultEps = 1e-5;
    public const double DefaultWd = 0.01;

    public FastaiAdam(IEnumerable<(string Name, Parameter Parameter)> parameters, IReadOnlySet<string> noWeightDecay, double lr,
        double mom = DefaultMom, double sqrMom = DefaultSqrMom, double eps = DefaultEps, double wd = DefaultWd)
        : base(parameters, noWeightDecay, lr, mom, wd, ["grad_avg", "sqr_avg"])
    {
        SqrMom = sqrMom;
        Eps = eps;
    }

    public override string Kind => "Adam";

    public double SqrMom { get; set; }

    public double Eps { get; set; }

    public override IReadOnlyDictionary<string, double> ExtraHypers => new Dictionary<string, double> { ["sqr_mom"] = SqrMom, ["eps"] = Eps };

    public override void SetExtraHyper(string name, double value)
    {
        switch (name)
        {
            case "sqr_mom": SqrMom = value; break;
            case "eps": Eps = value; break;
            default: throw new ArgumentException($"Adam: expected hyperparameter sqr_mom or eps, got '{name}'", nameof(name));
        }
    }

    private protected override void Update(Tensor p, Tensor grad, int index, long step, double lr)
    {
        var gradAvg = State(0, index);
        var sqrAvg = State(1, index);
        var debias1 = Debias(Mom, 1 - Mom, step);
        var debias2 = Debias(SqrMom, 1 - SqrMom, step);
        // Explicit scalars, alive until the end of this method (see FastaiOptimizer's remarks).
        using var mom = Mom.ToScalar();
        using var damp = (1 - Mom).ToScalar();
        using var sqrMom = SqrMom.ToScalar();
        using var sqrDamp = (1 - SqrMom).ToScalar();
        using var bias2 = debias2.ToScalar();
        using var eps = Eps.ToScalar();
        using var step1 = (-lr / debias1).ToScalar();
        using var one = 1.0.ToScalar();
        // average_grad(dampening=True): grad_avg.mul_(mom).add_(grad, alpha=1-mom)
        gradAvg.mul_(mom).add_(grad, damp);
        // average_sqr_grad: sqr_avg.mul_(sqr_mom).addcmul_(grad, grad, value=1-sqr_mom); addcmul evaluates (value*g)*g.
        using (var g2 = grad.mul(sqrDamp).mul_(grad)) sqrAvg.mul_(sqrMom).add_(g2, one);
        // adam_step: p.addcdiv_(grad_avg, (sqr_avg/debias2).sqrt() + eps, value=-lr/debias1); addcdiv evaluates (value*t1)/t2.
        using var denom = sqrAvg.div(bias2).sqrt().add_(eps, one);
        using var update = gradAvg.mul(step1).div_(denom);
        p.add_(update, one);
    }

    // fastai: def debias(mom, damp, step): return damp * (1 - mom**step) / (1-mom)
    private static double Debias(double mom, double damp, long step) => damp * (1 - Math.Pow(mom, step)) / (1 - mom);
}
