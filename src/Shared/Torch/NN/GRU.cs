using static TorchSharp.torch;

namespace TorchSharp.Modules;

/// <summary>
/// Multi-layer GRU over the fused kernel (gate order r, z, n as PyTorch). Shapes as <see cref="LSTM"/>,
/// with a single state h.
/// </summary>
public sealed class GRU : RNNBase
{
    internal GRU(long inputSize, long hiddenSize, long numLayers, bool bias, bool batchFirst, double dropout, bool bidirectional,
        Device? device, ScalarType? dtype)
        : base("GRU", 3, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, device, dtype)
    {
    }

    public (Tensor Output, Tensor H) Forward(Tensor input, Tensor? h0 = null) => Forward(input, h0, FlatWeights);

    /// <summary>Forward with explicit weights in <see cref="RNNBase.FlatWeights"/> order and shapes.</summary>
    public (Tensor Output, Tensor H) Forward(Tensor input, Tensor? h0, IReadOnlyList<Tensor> weights)
    {
        CheckInput(input, h0, "h0", weights);
        return nn.functional.gru(input, h0, weights, HasBias, NumLayers, Dropout, Training, BatchFirst, Bidirectional);
    }
}
