using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// fastai's <c>EmbeddingDropout</c>: in training, whole rows of the embedding matrix (whole words) are zeroed
/// with probability <see cref="P"/> and the rest scaled by 1/(1-p) before the lookup; the wrapped
/// embedding's padding row still gets no gradient. Ids [*] -> [*, dim].
/// </summary>
public sealed class EmbeddingDropout : nn.Module<Tensor, Tensor>
{
    private readonly Embedding emb;

    public EmbeddingDropout(Embedding emb, double p)
    {
        ArgumentNullException.ThrowIfNull(emb);
        ModelChecks.Probability(nameof(EmbeddingDropout), ("embed_p", p));
        this.emb = RegisterModule("emb", emb);
        P = p;
    }

    public double P { get; }

    public override Tensor Forward(Tensor input)
    {
        if (!Training || P == 0) return nn.functional.embedding(input, emb.Weight, emb.PaddingIdx);
        using var scope = NewDisposeScope();
        var mask = DropoutMask.Of(emb.Weight, [emb.NumEmbeddings, 1], P);
        var masked = emb.Weight * mask;
        return nn.functional.embedding(input, masked, emb.PaddingIdx).MoveToOuterDisposeScope();
    }
}
