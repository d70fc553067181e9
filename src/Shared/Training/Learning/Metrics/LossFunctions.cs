using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Learning;

/// <summary>Loss functions a Learner can use: (predictions, targets) -> a 0-d loss with gradient.</summary>
internal static class LossFunctions
{
    /// <summary>
    /// fastai's <c>CrossEntropyLossFlat()</c>: logits [*, vocab] and ids [*] flattened to [N, vocab] and [N],
    /// mean cross entropy. For the book's [bs, vocab] / [bs] it is <c>F.cross_entropy</c>; for [bs, sl, vocab] /
    /// [bs, sl] it is LMModel4's <c>loss_func</c>.
    /// </summary>
    public static Tensor CrossEntropyFlat(Tensor pred, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(pred);
        ArgumentNullException.ThrowIfNull(target);
        var classes = pred.size(-1);
        using var flatPred = pred.view(-1, classes);
        using var flatTarget = target.view(-1);
        if (flatPred.size(0) != flatTarget.size(0))
            throw new ArgumentException($"CrossEntropyFlat: expected one target per prediction row, got {flatPred.size(0)} rows and {flatTarget.size(0)} targets");
        return nn.functional.cross_entropy(flatPred, flatTarget);
    }
}
