using TorchSharp.Native;

namespace TorchSharp.Modules;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay
/// (<c>torch.optim.SGD</c>, same update, bitwise). State: <c>momentum_buffer</c>.
/// </summary>
public sealed class SGD : torch.optim.Optimizer
{
    private static readonly string[] Names = ["momentum_buffer"];

    internal SGD(IEnumerable<ParamGroup> groups, ParamGroup defaults) : base(groups, defaults, Names)
    {
    }

    private protected override IReadOnlyList<(string Name, Func<ParamGroup, double> Get, Action<ParamGroup, double> Set)> HyperParameters { get; } =
    [
        ("lr", g => g.LearningRate, (g, v) => g.LearningRate = v),
        ("momentum", g => g.Momentum, (g, v) => g.Momentum = v),
        ("dampening", g => g.Dampening, (g, v) => g.Dampening = v),
        ("nesterov", g => g.Nesterov ? 1 : 0, (g, v) => g.Nesterov = v != 0),
        ("weight_decay", g => g.WeightDecay, (g, v) => g.WeightDecay = v),
    ];

    private protected override bool NeedsState(ParamGroup group, int kind) => group.Momentum != 0;

    private protected override void Validate(ParamGroup group)
    {
        Require(group.LearningRate >= 0, "lr", ">= 0", group.LearningRate);
        Require(group.Momentum >= 0, "momentum", ">= 0", group.Momentum);
        Require(group.WeightDecay >= 0, "weight_decay", ">= 0", group.WeightDecay);
        if (group.Nesterov && (group.Momentum <= 0 || group.Dampening != 0))
            throw new ArgumentException($"Nesterov momentum: expected momentum > 0 and dampening 0, got momentum {group.Momentum} and dampening {group.Dampening}");
    }

    private protected override unsafe void StepGroup(ParamGroup group, Span<IntPtr> handles)
    {
        var n = group.Parameters.Count;
        fixed (IntPtr* h = handles)
        fixed (long* steps = group.Steps)
            NativeError.Check(NativeMethods.trp_optim_sgd_step(h, h + n, steps, n, group.LearningRate, group.Momentum,
                group.Dampening, group.WeightDecay, group.Nesterov ? 1 : 0));
    }
}
