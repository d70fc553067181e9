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

    public TiedLinear(Parameter sharedWeight, Linear source)
    {
        var shape = sharedWeight.shape;
        if (shape.Length != 2 || shape[0] != source.OutFeatures || shape[1] != source.InFeatures)
            throw new ArgumentException($"TiedLinear: expected a [{source.OutFeatures}, {source.InFeatures}] weight, got [{string.Join(", ", shape)}]", nameof(sharedWeight));
        weight = RegisterParameter("weight", sharedWeight)!;
        bias = RegisterParameter("bias", source.Bias is null ? null : nn.Parameter(source.Bias));
        source.Dispose();
    }

    public override Tensor Forward(Tensor input) => nn.functional.linear(input, weight, bias);
}
