using TorchSharp;
using static TorchSharp.torch;
using Troupe.Training.Native;

namespace Troupe.Training.Models;

/// <summary>fastai's <c>dropout_mask(x, sz, p)</c>: <c>x.new_empty(*sz).bernoulli_(1-p).div_(1-p)</c>.</summary>
internal static class DropoutMask
{
    public static Tensor Of(Tensor like, long[] shape, double p)
    {
        var mask = empty(shape, like.dtype, like.device);
        using var keep = (1 - p).ToScalar();
        mask.bernoulli_(1 - p).div_(keep);
        return mask;
    }
}
