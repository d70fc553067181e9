using static TorchSharp.torch;

namespace TorchSharp.Modules;

/// <summary>
/// <c>y = x @ W.T + b</c>: input [*, InFeatures] -> [*, OutFeatures]. Parameters <c>weight</c>
/// [out, in] and <c>bias</c> [out], initialized as PyTorch does (uniform(-1/sqrt(in), 1/sqrt(in))).
/// </summary>
public sealed class Linear : nn.Module<Tensor, Tensor>
{
    internal Linear(long inFeatures, long outFeatures, bool hasBias, Device? device, ScalarType? dtype)
    {
        if (inFeatures < 0 || outFeatures < 0)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear: expected feature counts >= 0, got in={inFeatures}, out={outFeatures}");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Init.Empty([outFeatures, inFeatures], device, dtype))!;
        Bias = RegisterParameter("bias", hasBias ? Init.Empty([outFeatures], device, dtype) : null);
        ResetParameters();
    }

    public long InFeatures { get; }

    public long OutFeatures { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    /// <summary>PyTorch's init: kaiming_uniform_(a=sqrt(5)) for the weight, uniform(+-1/sqrt(fan_in)) for the bias.</summary>
    public void ResetParameters()
    {
        Init.KaimingUniform(Weight, Math.Sqrt(5));
        if (Bias is not null)
        {
            var bound = InFeatures > 0 ? 1 / Math.Sqrt(InFeatures) : 0;
            Init.Uniform(Bias, -bound, bound);
        }
    }

    public override Tensor Forward(Tensor input)
    {
        var features = input.size(-1);
        if (features != InFeatures)
            throw new TorchException("Linear.Forward", $"expected input with {InFeatures} features (last dimension), got {features} (shape [{string.Join(", ", input.shape)}])");
        return nn.functional.linear(input, Weight, Bias);
    }
}
