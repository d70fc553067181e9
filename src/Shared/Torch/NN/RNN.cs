using static TorchSharp.torch;

namespace TorchSharp.Modules;

/// <summary>The nonlinearity of an Elman <see cref="RNN"/>.</summary>
public enum RNNNonlinearity
{
    Tanh,
    ReLU,
}

/// <summary>
/// Multi-layer Elman RNN, <c>h' = act(W_ih x + b_ih + W_hh h + b_hh)</c>, over the fused kernel.
/// Shapes as <see cref="LSTM"/>, with a single state h.
/// </summary>
public sealed class RNN : RNNBase
{
    internal RNN(long inputSize, long hiddenSize, long numLayers, RNNNonlinearity nonlinearity, bool bias, bool batchFirst, double dropout,
        bool bidirectional, Device? device, ScalarType? dtype)
        : base("RNN", 1, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, device, dtype)
        => Nonlinearity = nonlinearity;

    public RNNNonlinearity Nonlinearity { get; }

    public (Tensor Output, Tensor H) Forward(Tensor input, Tensor? h0 = null) => Forward(input, h0, FlatWeights);

    /// <summary>Forward with explicit weights in <see cref="RNNBase.FlatWeights"/> order and shapes.</summary>
    public (Tensor Output, Tensor H) Forward(Tensor input, Tensor? h0, IReadOnlyList<Tensor> weights)
    {
        CheckInput(input, h0, "h0", weights);
        return Nonlinearity == RNNNonlinearity.Tanh
            ? nn.functional.rnn_tanh(input, h0, weights, HasBias, NumLayers, Dropout, Training, BatchFirst, Bidirectional)
            : nn.functional.rnn_relu(input, h0, weights, HasBias, NumLayers, Dropout, Training, BatchFirst, Bidirectional);
    }
}
