namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>AvgSmoothLoss</c>, the <c>train_loss</c> column: an exponentially weighted moving average of
/// the training batch losses, <c>val = torch.lerp(loss, val, beta)</c>, debiased as
/// <c>val / (1 - beta**count)</c>. fastai keeps <c>val</c> as a float32 tensor and resets it only at the
/// start of a fit (not every epoch), so the printed value carries over epochs; both are reproduced here,
/// including the fused multiply-add libtorch's lerp kernel uses, so values match fastai's bit for bit.
/// </summary>
public sealed class SmoothLoss
{
    public const double DefaultBeta = 0.98;

    public SmoothLoss(double beta = DefaultBeta)
    {
        if (!(beta >= 0 && beta < 1)) throw new ArgumentOutOfRangeException(nameof(beta), $"SmoothLoss: expected beta in [0, 1), got {beta}");
        Beta = beta;
    }

    public double Beta { get; }

    /// <summary>The biased running average (fastai's <c>val</c>).</summary>
    public float Raw { get; private set; }

    /// <summary>Training batches averaged since the last <see cref="Reset"/>.</summary>
    public long Count { get; private set; }

    /// <summary>The debiased average; 0/0 before the first batch gives NaN, as in fastai.</summary>
    public float Value => Raw / (float)(1 - Math.Pow(Beta, Count));

    public void Reset()
    {
        Raw = 0;
        Count = 0;
    }

    public void Accumulate(float loss)
    {
        Count++;
        Raw = Lerp(loss, Raw, (float)Beta);
    }

    /// <summary>Puts back a state saved from <see cref="Raw"/> and <see cref="Count"/> (checkpoint resume).</summary>
    public void Restore(float raw, long count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"SmoothLoss: expected count >= 0, got {count}");
        Raw = raw;
        Count = count;
    }

    // ATen's lerp: |w| < 0.5 ? self + w*(end-self) : end - (end-self)*(1-w), contracted to one FMA.
    private static float Lerp(float self, float end, float weight) => Math.Abs(weight) < 0.5f
        ? MathF.FusedMultiplyAdd(weight, end - self, self)
        : MathF.FusedMultiplyAdd(-(end - self), 1f - weight, end);
}
