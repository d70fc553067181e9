using static TorchSharp.torch;

namespace Troupe.Training.Learning;

/// <summary>fastai's <c>GradientClip</c>: before each optimizer step, scales the gradients to a joint norm of at most <see cref="MaxNorm"/>.</summary>
internal sealed class GradientClip : Callback
{
    public GradientClip(double maxNorm = 1, double normType = 2)
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), $"GradientClip: expected max_norm > 0, got {maxNorm}");
        MaxNorm = maxNorm;
        NormType = normType;
    }

    public double MaxNorm { get; }

    public double NormType { get; }

    public override void BeforeStep()
    {
        nn.utils.clip_grad_norm_(Learn.Model.parameters(), MaxNorm, NormType);
    }
}
