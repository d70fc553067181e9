using TorchSharp;

namespace Troupe.Training.Learning;

/// <summary>fastai's <c>Perplexity</c>: <c>exp</c> of the row-weighted mean validation loss (an <c>AvgLoss</c>).</summary>
internal sealed class PerplexityMetric : AverageMetric
{
    public override string Name => "perplexity";

    public override float Value
    {
        get
        {
            // torch.exp on the float32 mean, so the value is libtorch's exp, not the C runtime's.
            using var mean = torch.tensor(new[] { Average.Value }, [1]);
            using var exp = mean.exp();
            return exp.item<float>();
        }
    }

    public override void Accumulate(Learner learn)
    {
        ArgumentNullException.ThrowIfNull(learn);
        var yb = learn.Yb ?? throw new InvalidOperationException("perplexity: expected targets, got none");
        Average.Accumulate(learn.LossValue, (int)yb.size(0));
    }
}
