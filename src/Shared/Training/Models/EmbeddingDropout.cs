using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Troupe.Training.Native;

namespace Troupe.Training.Models;

/// <summary>
/// fastai's <c>EmbeddingDropout</c>: in training, whole rows of the embedding matrix (whole words) are zeroed
/// with probability <see cref="P"/> and the rest scaled by 1/(1-p) before the lookup; the wrapped
/// embedding's padding row still gets no gradient. Ids [*] -> [*, dim].
/// </summary>
internal sealed class EmbeddingDropout : nn.Module<Tensor, Tensor>
{
    private readonly Embedding emb;
    private readonly long? paddingIdx;

    /// <param name="emb">The embedding (registered here as <c>emb</c>, as fastai does).</param>
    /// <param name="p">Probability of dropping a whole row in training.</param>
    /// <param name="paddingIdx">The embedding's <c>padding_idx</c> (TorchSharp's Embedding does not expose it): that row gets no gradient.</param>
    public EmbeddingDropout(Embedding emb, double p, long? paddingIdx = null) : base(nameof(EmbeddingDropout))
    {
        ArgumentNullException.ThrowIfNull(emb);
        ModelChecks.Probability(nameof(EmbeddingDropout), ("embed_p", p));
        var rows = emb.weight!.size(0);
        if (paddingIdx is { } pad && (pad < 0 || pad >= rows))
            throw new ArgumentOutOfRangeException(nameof(paddingIdx), $"EmbeddingDropout: expected padding_idx in [0, {rows}) or none, got {pad}");
        this.emb = this.Register("emb", emb);
        this.paddingIdx = paddingIdx;
        P = p;
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

    public double P { get; }

    public override Tensor forward(Tensor input)
    {
        if (!training || P == 0) return emb.forward(input);
        using var scope = NewDisposeScope();
        var weight = emb.weight!;
        var mask = DropoutMask.Of(weight, [weight.size(0), 1], P);
        var masked = weight * mask;
        if (paddingIdx is { } pad)
        {
            // F.embedding(padding_idx=pad) looks the padding row up but never sends it a gradient: detach that row only.
            var isPad = zeros(weight.size(0), 1, dtype: weight.dtype, device: weight.device);
            isPad[pad] = 1;
            masked = masked.mul(isPad.neg().add_(TorchScalars.One, TorchScalars.One)).add_(masked.detach().mul(isPad), TorchScalars.One);
        }
        var shape = input.shape.Append(weight.size(1)).ToArray();
        return masked.index_select(0, input.reshape(-1)).view(shape).MoveToOuterDisposeScope();
    }
}
