using TorchSharp;
using static TorchSharp.torch;
using Troupe.Training.Native;

namespace Troupe.Training.Models;

/// <summary>
/// fastai's <c>masked_concat_pool</c>: from the encoder's outputs [bs, sl, emb] and the padding mask [bs, sl]
/// (true at pads) builds [bs, 3*emb] = (the last real output, the max over real positions, the mean over real
/// positions). The last real output sits <c>last_lens</c> positions before the end, where <c>last_lens</c> counts
/// the pads of the last <c>bptt</c> positions (fastai pads whole chunks first, the remainder last).
/// </summary>
internal static class MaskedConcatPool
{
    public static Tensor Apply(Tensor output, Tensor mask, int bptt)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(mask);
        var shape = output.shape;
        if (shape.Length != 3 || mask.dim() != 2 || mask.size(0) != shape[0] || mask.size(1) != shape[1])
            throw new ArgumentException($"masked_concat_pool: expected output [bs, sl, emb] and mask [bs, sl], got [{string.Join(", ", shape)}] and [{string.Join(", ", mask.shape)}]");
        using var scope = NewDisposeScope();
        var (bs, sl, emb) = (shape[0], shape[1], shape[2]);
        using var length = sl.ToScalar();
        using var lastIndex = (sl - 1).ToScalar();
        var lens = mask.to(ScalarType.Int64).sum(1).neg().add(length, TorchScalars.One);
        var tail = Math.Min(bptt, sl);
        var lastLens = mask.narrow(1, sl - tail, tail).to(ScalarType.Int64).sum(1);
        var padded = mask.unsqueeze(2);
        var avg = output.masked_fill(padded, TorchScalars.Zero).sum(1).div(lens.to(output.dtype).unsqueeze(1));
        var (max, _) = output.masked_fill(padded, TorchScalars.NegativeInfinity).max(1);
        var index = lastLens.neg().add(lastIndex, TorchScalars.One).view(bs, 1, 1).expand(bs, 1, emb);
        var last = output.gather(1, index).squeeze(1);
        return cat([last, max, avg], 1).MoveToOuterDisposeScope();
    }
}
