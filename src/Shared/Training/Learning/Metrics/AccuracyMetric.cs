using TorchSharp;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>accuracy</c> as an <c>AvgMetric</c>: per batch the fraction of targets equal to
/// <c>pred.argmax(-1)</c>, predictions and targets flattened (so [bs, sl, vocab] language-model outputs count
/// every token), averaged over batches weighted by their rows.
/// </summary>
internal sealed class AccuracyMetric : AverageMetric
{
    public override string Name => "accuracy";

    public override float Value => Average.Value;

    public override void Accumulate(Learner learn)
    {
        ArgumentNullException.ThrowIfNull(learn);
        var pred = learn.Pred ?? throw new InvalidOperationException("accuracy: expected predictions, got none");
        var yb = learn.Yb ?? throw new InvalidOperationException("accuracy: expected targets, got none");
        using var scope = torch.NewDisposeScope();
        var predicted = pred.argmax(-1).view(-1);
        var target = yb.view(-1);
        var n = target.numel();
        if (predicted.numel() != n)
            throw new InvalidOperationException($"accuracy: expected as many predictions as targets, got {predicted.numel()} and {n}");
        var correct = predicted.eq(target).sum().item<long>();
        // (pred == targ).float().mean(): an exact float sum of ones divided by n.
        Average.Accumulate((float)correct / n, (int)yb.size(0));
    }
}
