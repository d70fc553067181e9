using TorchSharp;

namespace Troupe.Training.Learning;

/// <summary>fastai's <c>Perplexity</c>: <c>exp</c> of the row-weighted mean validation loss (an <c>AvgLoss</c>).</summary>
public sealed class PerplexityMetric : IReducibleMetric
{
    private readonly AverageValue average = new();

    public string Name => "perplexity";

    public float Value
    {
        get
        {
            // torch.exp on the float32 mean, so the value is libtorch's exp, not the C runtime's.
            using var mean = torch.tensor(new[] { average.Value }, [1]);
            using var exp = mean.exp();
            return exp.item<float>();
        }
    }

    public void Reset() => average.Reset();

    /// <summary>[row-weighted total, rows].</summary>
    public int StateLength => 2;

    public void WriteState(Span<double> state) => average.WriteState(state, Name);

    public void LoadState(ReadOnlySpan<double> state) => average.LoadState(state, Name);

    public void Accumulate(Learner learn)
    {
        ArgumentNullException.ThrowIfNull(learn);
        var yb = learn.Yb ?? throw new InvalidOperationException("perplexity: expected targets, got none");
        average.Accumulate(learn.LossValue, (int)yb.size(0));
    }
}
