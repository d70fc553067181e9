using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// fastai's <c>RNNDropout</c>: dropout on [bs, sl, features] activations with one mask per row and feature,
/// the same at every position of the sequence (<c>x * dropout_mask(x, (bs, 1, features), p)</c>). Identity in
/// eval mode or with p = 0 (the input itself is returned then, as fastai does).
/// </summary>
internal sealed class RNNDropout : nn.Module<Tensor, Tensor>
{
    public RNNDropout(double p) : base(nameof(RNNDropout))
    {
        ModelChecks.Probability(nameof(RNNDropout), ("p", p));
        P = p;
    }

    /// <summary>
    /// Does nothing: children are registered explicitly under PyTorch's names (<see cref="ModuleRegistration"/>).
    /// TorchSharp's default, run when this module becomes another's child, registers every Module, Parameter and
    /// Tensor field again under its C# name (<c>encoderDp.emb.weight</c> beside <c>encoder_dp.emb.weight</c>, hidden
    /// state as buffers), which breaks strict state-dict loading and PyTorch interop.
    /// </summary>
    protected override void RegisterComponents()
    {
    }

    public double P { get; }

    public override Tensor forward(Tensor input)
    {
        if (!training || P == 0) return input;
        var shape = input.shape;
        if (shape.Length != 3) throw new ArgumentException($"RNNDropout: expected [bs, sl, features], got [{string.Join(", ", shape)}]", nameof(input));
        using var mask = DropoutMask.Of(input, [shape[0], 1, shape[2]], P);
        return input * mask;
    }
}
