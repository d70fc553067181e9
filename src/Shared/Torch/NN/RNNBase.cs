using static TorchSharp.torch;

namespace TorchSharp.Modules;

/// <summary>
/// Shared by <see cref="RNN"/>, <see cref="LSTM"/> and <see cref="GRU"/>: PyTorch's parameter layout
/// and names (<c>weight_ih_l{k}</c>, <c>weight_hh_l{k}</c>, <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c>,
/// suffix <c>_reverse</c> for the backward direction), gate-stacked rows (gates x HiddenSize), and
/// PyTorch's init: every parameter uniform(-1/sqrt(H), 1/sqrt(H)) in registration order.
/// </summary>
public abstract class RNNBase : nn.Module
{
    private readonly Parameter[] flatWeights;

    private protected RNNBase(string kind, int gates, long inputSize, long hiddenSize, long numLayers, bool bias, bool batchFirst,
        double dropout, bool bidirectional, Device? device, ScalarType? dtype)
    {
        if (inputSize < 1 || hiddenSize < 1)
            throw new ArgumentOutOfRangeException(nameof(hiddenSize), $"{kind}: expected input and hidden sizes >= 1, got {inputSize} and {hiddenSize}");
        if (numLayers < 1) throw new ArgumentOutOfRangeException(nameof(numLayers), $"{kind}: expected numLayers >= 1, got {numLayers}");
        if (dropout is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(dropout), $"{kind}: expected dropout in [0, 1], got {dropout}");
        Kind = kind;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        HasBias = bias;
        BatchFirst = batchFirst;
        Dropout = dropout;
        Bidirectional = bidirectional;
        var weights = new List<Parameter>();
        var directions = bidirectional ? 2 : 1;
        for (var layer = 0; layer < numLayers; layer++)
            for (var direction = 0; direction < directions; direction++)
            {
                var layerInput = layer == 0 ? inputSize : hiddenSize * directions;
                var suffix = $"_l{layer}" + (direction == 1 ? "_reverse" : "");
                weights.Add(RegisterParameter("weight_ih" + suffix, Init.Empty([gates * hiddenSize, layerInput], device, dtype))!);
                weights.Add(RegisterParameter("weight_hh" + suffix, Init.Empty([gates * hiddenSize, hiddenSize], device, dtype))!);
                if (!bias) continue;
                weights.Add(RegisterParameter("bias_ih" + suffix, Init.Empty([gates * hiddenSize], device, dtype))!);
                weights.Add(RegisterParameter("bias_hh" + suffix, Init.Empty([gates * hiddenSize], device, dtype))!);
            }
        flatWeights = [.. weights];
        ResetParameters();
    }

    private protected string Kind { get; }

    public long InputSize { get; }

    public long HiddenSize { get; }

    public long NumLayers { get; }

    public bool HasBias { get; }

    /// <summary>Input and output are [batch, seq, feature] instead of [seq, batch, feature] (states are not affected).</summary>
    public bool BatchFirst { get; }

    /// <summary>Dropout on the outputs of every layer but the last, in training mode.</summary>
    public double Dropout { get; }

    public bool Bidirectional { get; }

    /// <summary>The parameters in the order the fused kernel takes them (PyTorch's _flat_weights).</summary>
    public IReadOnlyList<Parameter> FlatWeights => flatWeights;

    public void ResetParameters()
    {
        var stdv = 1.0 / Math.Sqrt(HiddenSize);
        foreach (var weight in flatWeights) Init.Uniform(weight, -stdv, stdv);
    }

    /// <summary>Checks input and state shapes with PyTorch's rules, naming what was expected.</summary>
    private protected void CheckInput(Tensor input, Tensor? state, string stateName, IReadOnlyList<Tensor> weights)
    {
        var shape = input.shape;
        if (shape.Length is not (2 or 3))
            throw new TorchException($"{Kind}.Forward", $"expected a 2-d (unbatched) or 3-d input, got shape [{string.Join(", ", shape)}]");
        if (shape[^1] != InputSize)
            throw new TorchException($"{Kind}.Forward", $"expected input with {InputSize} features (last dimension), got {shape[^1]}");
        if (weights.Count != flatWeights.Length)
            throw new TorchException($"{Kind}.Forward", $"expected {flatWeights.Length} weight tensors, got {weights.Count}");
        if (state is null) return;
        var layers = NumLayers * (Bidirectional ? 2 : 1);
        long[] expected = shape.Length == 3 ? [layers, shape[BatchFirst ? 0 : 1], HiddenSize] : [layers, HiddenSize];
        var actual = state.shape;
        if (!expected.AsSpan().SequenceEqual(actual))
            throw new TorchException($"{Kind}.Forward", $"expected {stateName} of shape [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
    }
}
