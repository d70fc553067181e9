using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// fastai's <c>WeightDropout</c> around a one-layer LSTM: in training, every forward runs the LSTM with
/// <c>F.dropout(weight_hh_l0, p)</c> in place of its hidden-to-hidden weight (DropConnect), so gradients reach
/// the raw weight through the dropout; in eval the raw weight is used. fastai moves the raw weight to
/// <c>weight_hh_l0_raw</c>; here it stays the LSTM's own parameter <c>module.weight_hh_l0</c>, and the
/// dropped copy is passed to the fused kernel explicitly.
/// </summary>
public sealed class WeightDropout : nn.Module
{
    private readonly LSTM module;
    private readonly int hiddenIndex;

    public WeightDropout(LSTM module, double weightP)
    {
        ArgumentNullException.ThrowIfNull(module);
        ModelChecks.Probability(nameof(WeightDropout), ("weight_p", weightP));
        if (module.NumLayers != 1 || module.Bidirectional)
            throw new ArgumentException($"WeightDropout: expected a one-layer unidirectional LSTM, got {module.NumLayers} layers{(module.Bidirectional ? ", bidirectional" : "")}", nameof(module));
        this.module = RegisterModule("module", module);
        WeightP = weightP;
        hiddenIndex = 1; // FlatWeights: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0
    }

    public double WeightP { get; }

    public LSTM Module => module;

    public (Tensor Output, (Tensor H, Tensor C) State) Forward(Tensor input, (Tensor H, Tensor C)? state)
    {
        if (!Training) return module.Forward(input, state);
        using var scope = NewDisposeScope();
        var weights = module.FlatWeights.Cast<Tensor>().ToArray();
        weights[hiddenIndex] = nn.functional.dropout(weights[hiddenIndex], WeightP, training: true);
        var (output, (h, c)) = module.Forward(input, state, weights);
        return (output.MoveToOuterDisposeScope(), (h.MoveToOuterDisposeScope(), c.MoveToOuterDisposeScope()));
    }
}
