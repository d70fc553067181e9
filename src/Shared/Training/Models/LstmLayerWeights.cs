using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// The weights fastai's <c>WeightDropout</c> leaves registered on its wrapped one-layer LSTM (<c>module</c>):
/// <c>weight_ih_l0</c> [4h, in], <c>bias_ih_l0</c> and <c>bias_hh_l0</c> [4h]; the hidden-to-hidden weight lives
/// on the wrapper as <c>weight_hh_l0_raw</c>. Holds parameters only; <see cref="WeightDropout"/> runs the recurrence.
/// </summary>
internal sealed class LstmLayerWeights : nn.Module
{
    public LstmLayerWeights(Tensor weightIh, Tensor biasIh, Tensor biasHh) : base(nameof(LstmLayerWeights))
    {
        WeightIh = this.Register("weight_ih_l0", new Parameter(weightIh));
        BiasIh = this.Register("bias_ih_l0", new Parameter(biasIh));
        BiasHh = this.Register("bias_hh_l0", new Parameter(biasHh));
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

    public Parameter WeightIh { get; }

    public Parameter BiasIh { get; }

    public Parameter BiasHh { get; }
}
