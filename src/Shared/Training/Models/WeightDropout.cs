using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Troupe.Training.Native;

namespace Troupe.Training.Models;

/// <summary>
/// fastai's <c>WeightDropout(nn.LSTM(n_in, n_out, 1, batch_first=True), weight_p)</c>: a one-layer LSTM whose
/// hidden-to-hidden weight is DropConnect-ed, a fresh mask per forward in training (<c>F.dropout(weight_hh_l0_raw, p)</c>,
/// so gradients reach the raw weight through the mask), the raw weight itself in eval. TorchSharp's <c>nn.LSTM</c>
/// takes no external weights, so the recurrence is written in tensor ops (PyTorch's gate order i, f, g, o); the
/// input projection of all time steps is one matmul. Parameters carry fastai's state-dict names:
/// <c>weight_hh_l0_raw</c> [4h, h], <c>module.weight_ih_l0</c> [4h, in], <c>module.bias_ih_l0</c>, <c>module.bias_hh_l0</c> [4h].
/// Input [bs, sl, in] (batch first); state (h, c) [1, bs, h] each or null for zeros.
/// </summary>
public sealed class WeightDropout : nn.Module
{
    private readonly LstmLayerWeights module;
    private readonly Parameter weightHhRaw;

    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">Features of the hidden state and the output.</param>
    /// <param name="weightP">Probability of dropping each hidden-to-hidden weight in training.</param>
    public WeightDropout(long inputSize, long hiddenSize, double weightP) : base(nameof(WeightDropout))
    {
        ModelChecks.Positive(nameof(WeightDropout), ("n_in", checked((int)inputSize)), ("n_out", checked((int)hiddenSize)));
        ModelChecks.Probability(nameof(WeightDropout), ("weight_p", weightP));
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        WeightP = weightP;
        // PyTorch's LSTM.reset_parameters: every parameter ~ U(-1/sqrt(h), 1/sqrt(h)), drawn in registration order
        // (weight_ih, weight_hh, bias_ih, bias_hh), so a seeded model draws what nn.LSTM would.
        var bound = 1.0 / Math.Sqrt(hiddenSize);
        using var noGrad = no_grad();
        var wih = empty(4 * hiddenSize, inputSize).uniform_(-bound, bound);
        var whh = empty(4 * hiddenSize, hiddenSize).uniform_(-bound, bound);
        var bih = empty(4 * hiddenSize).uniform_(-bound, bound);
        var bhh = empty(4 * hiddenSize).uniform_(-bound, bound);
        weightHhRaw = this.Register("weight_hh_l0_raw", new Parameter(whh));
        module = this.Register("module", new LstmLayerWeights(wih, bih, bhh));
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

    public long InputSize { get; }

    public long HiddenSize { get; }

    public double WeightP { get; }

    /// <summary>Runs the layer over <paramref name="input"/> [bs, sl, in]; returns the output [bs, sl, h] and the last (h, c) [1, bs, h].</summary>
    /// <exception cref="ArgumentException">The input is not [bs, sl, in] or the state does not match it.</exception>
    public (Tensor Output, (Tensor H, Tensor C) State) forward(Tensor input, (Tensor H, Tensor C)? state)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 3 || input.size(2) != InputSize)
            throw new ArgumentException($"WeightDropout: expected input [bs, sl, {InputSize}], got [{string.Join(", ", input.shape)}]", nameof(input));
        var bs = input.size(0);
        var sl = input.size(1);
        if (state is { } s && (!s.H.shape.SequenceEqual([1, bs, HiddenSize]) || !s.C.shape.SequenceEqual([1, bs, HiddenSize])))
            throw new ArgumentException($"WeightDropout: expected state (h, c) of [1, {bs}, {HiddenSize}], got [{string.Join(", ", s.H.shape)}] and [{string.Join(", ", s.C.shape)}]", nameof(state));
        using var scope = NewDisposeScope();
        var whh = training && WeightP > 0 ? nn.functional.dropout(weightHhRaw, WeightP, training: true) : (Tensor)weightHhRaw;
        var whhT = whh.t();
        // x W_ih^T + b_ih + b_hh for every step at once: [bs, sl, 4h]. (F.linear, not matmul: TorchSharp's matmul
        // lets a libtorch shape error escape as a C++ exception that aborts the process.)
        var gatesIn = nn.functional.linear(input, module.WeightIh, module.BiasIh.add(module.BiasHh, TorchScalars.One));
        var h = state is { } s0 ? s0.H.squeeze(0) : zeros(bs, HiddenSize, dtype: input.dtype, device: input.device);
        var c = state is { } s1 ? s1.C.squeeze(0) : zeros(bs, HiddenSize, dtype: input.dtype, device: input.device);
        var outputs = new Tensor[sl];
        var hs = HiddenSize;
        // Seven ops a step (each op costs a native call here): one sigmoid over all four gates (the g quarter is
        // wasted work, cheaper than a fourth call), tanh of g, and c' = f*c + i*g as one mul and an in-place addcmul.
        for (var t = 0; t < sl; t++)
        {
            var gates = gatesIn.select(1, t).addmm(h, whhT);
            var sig = gates.sigmoid();
            var g = gates.narrow(1, 2 * hs, hs).tanh();
            c = (sig.narrow(1, hs, hs) * c).addcmul_(sig.narrow(1, 0, hs), g, TorchScalars.One);
            h = sig.narrow(1, 3 * hs, hs) * c.tanh();
            outputs[t] = h;
        }
        var output = stack(outputs, 1);
        return (output.MoveToOuterDisposeScope(), (h.unsqueeze(0).MoveToOuterDisposeScope(), c.unsqueeze(0).MoveToOuterDisposeScope()));
    }
}
