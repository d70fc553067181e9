using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// A Linear layer whose weight is another module's parameter (weight tying, <c>h_o.weight = i_h.weight</c>):
/// the shared weight is registered here too, so parameter lists hold it once (as in PyTorch) and its
/// gradient sums both uses. The bias is taken from the source Linear, the layer PyTorch would have
/// built and initialized before tying, so seeded models draw the same numbers as PyTorch's.
/// </summary>
internal sealed class TiedLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;

    public TiedLinear(Parameter sharedWeight, Linear source) : base(nameof(TiedLinear))
    {
        var shape = sharedWeight.shape;
        if (shape.Length != 2 || shape[0] != source.out_features || shape[1] != source.in_features)
            throw new ArgumentException($"TiedLinear: expected a [{source.out_features}, {source.in_features}] weight, got [{string.Join(", ", shape)}]", nameof(sharedWeight));
        weight = this.Register("weight", sharedWeight);
        // A copy of the source's bias (same values, so seeded draws match fastai's), then the source goes.
        if (source.bias is { } b)
        {
            using var _ = no_grad();
            using var detached = b.detach(); // a handle of its own: freed here, not left to the finalizer
            bias = this.Register("bias", new Parameter(detached.clone()));
        }
        source.Dispose();
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

    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
}
