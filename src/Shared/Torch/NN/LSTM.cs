using static TorchSharp.torch;

namespace TorchSharp.Modules;

/// <summary>
/// Multi-layer LSTM over the fused kernel (gate order i, f, g, o as PyTorch). Forward takes input
/// [seq, batch, InputSize] ([batch, seq, InputSize] with BatchFirst, or [seq, InputSize] unbatched)
/// and optional (h0, c0) of [layers*directions, batch, HiddenSize] (zeros when null); it returns the
/// output [seq, batch, directions*HiddenSize] and the final (h, c).
/// </summary>
public sealed class LSTM : RNNBase
{
    internal LSTM(long inputSize, long hiddenSize, long numLayers, bool bias, bool batchFirst, double dropout, bool bidirectional,
        Device? device, ScalarType? dtype)
        : base("LSTM", 4, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, device, dtype)
    {
    }

    public (Tensor Output, (Tensor H, Tensor C) State) Forward(Tensor input, (Tensor H, Tensor C)? state = null)
        => Forward(input, state, FlatWeights);

    /// <summary>
    /// Forward with explicit weights in <see cref="RNNBase.FlatWeights"/> order and shapes (e.g. with
    /// weight dropout applied to weight_hh, as AWD-LSTM does).
    /// </summary>
    public (Tensor Output, (Tensor H, Tensor C) State) Forward(Tensor input, (Tensor H, Tensor C)? state, IReadOnlyList<Tensor> weights)
    {
        CheckInput(input, state?.H, "h0", weights);
        CheckInput(input, state?.C, "c0", weights);
        var (output, (h, c)) = nn.functional.lstm(input, state, weights, HasBias, NumLayers, Dropout, Training, BatchFirst, Bidirectional);
        return (output, (h, c));
    }
}
