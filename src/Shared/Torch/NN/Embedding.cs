using static TorchSharp.torch;

namespace TorchSharp.Modules;

/// <summary>
/// A lookup table: int64 indices [*] -> rows of <c>weight</c> [NumEmbeddings, EmbeddingDim], i.e.
/// [*, EmbeddingDim]. Initialized N(0, 1) as PyTorch does; the padding row (if any) is zero and gets
/// no gradient.
/// </summary>
public sealed class Embedding : nn.Module<Tensor, Tensor>
{
    internal Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx, Device? device, ScalarType? dtype)
    {
        if (numEmbeddings < 1 || embeddingDim < 1)
            throw new ArgumentOutOfRangeException(nameof(numEmbeddings), $"Embedding: expected sizes >= 1, got {numEmbeddings} x {embeddingDim}");
        if (paddingIdx is { } p && (p >= numEmbeddings || p < -numEmbeddings))
            throw new ArgumentOutOfRangeException(nameof(paddingIdx), $"Embedding: expected padding_idx in [{-numEmbeddings}, {numEmbeddings}), got {p}");
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIdx = paddingIdx is { } q && q < 0 ? numEmbeddings + q : paddingIdx;
        Weight = RegisterParameter("weight", Init.Empty([numEmbeddings, embeddingDim], device, dtype))!;
        ResetParameters();
    }

    public long NumEmbeddings { get; }

    public long EmbeddingDim { get; }

    /// <summary>The row that stays zero and receives no gradient (normalized to be >= 0), or null.</summary>
    public long? PaddingIdx { get; }

    public Parameter Weight { get; }

    public void ResetParameters()
    {
        using (no_grad())
        {
            Weight.normal_();
            if (PaddingIdx is { } p)
                using (var row = Weight.select(0, p))
                    row.fill_(0);
        }
    }

    public override Tensor Forward(Tensor input)
    {
        var type = input.dtype;
        if (type is not (ScalarType.Int64 or ScalarType.Int32))
            throw new TorchException("Embedding.Forward", $"expected int64 or int32 indices, got {type}");
        return nn.functional.embedding(input, Weight, PaddingIdx);
    }
}
