using TorchSharp.Native;

namespace TorchSharp.Modules;

/// <summary>
/// Adam (<c>torch.optim.Adam</c>: L2 weight decay added to the gradient) and, with decoupled
/// weight decay, AdamW. Bias-corrected; same update as PyTorch 1.13, bitwise.
/// State: <c>exp_avg</c>, <c>exp_avg_sq</c>.
/// </summary>
public class Adam : torch.optim.Optimizer
{
    private static readonly string[] Names = ["exp_avg", "exp_avg_sq"];
    private readonly bool decoupled;

    private protected Adam(IEnumerable<ParamGroup> groups, ParamGroup defaults, bool decoupled) : base(groups, defaults, Names)
        => this.decoupled = decoupled;

    internal Adam(IEnumerable<ParamGroup> groups, ParamGroup defaults) : this(groups, defaults, decoupled: false)
    {
    }

    private protected override IReadOnlyList<(string Name, Func<ParamGroup, double> Get, Action<ParamGroup, double> Set)> HyperParameters { get; } =
    [
        ("lr", g => g.LearningRate, (g, v) => g.LearningRate = v),
        ("beta1", g => g.Beta1, (g, v) => g.Beta1 = v),
        ("beta2", g => g.Beta2, (g, v) => g.Beta2 = v),
        ("eps", g => g.Eps, (g, v) => g.Eps = v),
        ("weight_decay", g => g.WeightDecay, (g, v) => g.WeightDecay = v),
    ];

    private protected override void Validate(ParamGroup group)
    {
        Require(group.LearningRate >= 0, "lr", ">= 0", group.LearningRate);
        Require(group.Beta1 is >= 0 and < 1, "beta1", "in [0, 1)", group.Beta1);
        Require(group.Beta2 is >= 0 and < 1, "beta2", "in [0, 1)", group.Beta2);
        Require(group.Eps >= 0, "eps", ">= 0", group.Eps);
        Require(group.WeightDecay >= 0, "weight_decay", ">= 0", group.WeightDecay);
    }

    private protected override unsafe void StepGroup(ParamGroup group, Span<IntPtr> handles)
    {
        var n = group.Parameters.Count;
        fixed (IntPtr* h = handles)
        fixed (long* steps = group.Steps)
            NativeError.Check(NativeMethods.trp_optim_adam_step(h, h + n, h + 2 * n, steps, n, group.LearningRate, group.Beta1,
                group.Beta2, group.Eps, group.WeightDecay, decoupled ? 1 : 0));
    }
}
