using Troupe.Training.Learning;

namespace Troupe.Training.Transfer;

/// <summary>
/// ULMFiT's fine-tuning schedules (fastai lesson 8, <c>../shared/seeds/002_*</c>) as <see cref="FitPhase"/>s, every phase
/// a <c>fit_one_cycle</c> with fastai's <c>TextLearner</c> momentums (0.8, 0.7, 0.8). <c>lr</c> is the first
/// phase's peak: the notebook's 2e-2.
/// </summary>
internal static class GradualUnfreezing
{
    /// <summary>fastai's <c>TextLearner</c> default <c>moms</c>.</summary>
    public static IReadOnlyList<double> Moms { get; } = [0.8, 0.7, 0.8];

    /// <summary>The ratio between two layer groups' learning rates: <c>slice(lr/2.6**4, lr)</c>.</summary>
    public const double GroupFactor = 2.6;

    /// <summary>
    /// Language-model fine-tuning: <c>freeze()</c> and one epoch at <paramref name="lr"/> (only the last group, the new
    /// embeddings, trains), then <c>unfreeze()</c> and the other epochs at <c>lr/10</c>.
    /// </summary>
    /// <exception cref="ArgumentException">fewer than 2 epochs.</exception>
    public static IReadOnlyList<FitPhase> LanguageModel(int epochs, double lr, double? wd)
    {
        if (epochs < 2) throw new ArgumentException($"gradual unfreezing: expected at least 2 epochs for a language model (1 frozen, then unfrozen), got {epochs}");
        return
        [
            new FitPhase(-1, FitPlan.FitOneCycle(1, lr, wd, moms: Moms)),
            new FitPhase(0, FitPlan.FitOneCycle(epochs - 1, lr / 10, wd, moms: Moms)),
        ];
    }

    /// <summary>
    /// The classifier recipe: <c>freeze()</c>, one epoch at <paramref name="lr"/>; <c>freeze_to(-2)</c>, one epoch at
    /// <c>slice(lr/2/2.6**4, lr/2)</c>; <c>freeze_to(-3)</c>, one epoch at <c>slice(lr/4/2.6**4, lr/4)</c>; <c>unfreeze()</c>, the
    /// other epochs at <c>slice(lr/20/2.6**4, lr/20)</c> (with lr 2e-2: the notebook's 1e-2, 5e-3 and 1e-3).
    /// </summary>
    /// <exception cref="ArgumentException">fewer than 4 epochs.</exception>
    public static IReadOnlyList<FitPhase> Classifier(int epochs, double lr, double? wd)
    {
        if (epochs < 4)
            throw new ArgumentException($"gradual unfreezing: expected at least 4 epochs for a classifier (frozen, freeze_to(-2), freeze_to(-3), then unfrozen), got {epochs}");
        var spread = Math.Pow(GroupFactor, 4);
        FitPlan Sliced(int n, double top) => FitPlan.FitOneCycle(n, top, wd, moms: Moms).WithLrRange(top / spread);
        return
        [
            new FitPhase(-1, FitPlan.FitOneCycle(1, lr, wd, moms: Moms)),
            new FitPhase(-2, Sliced(1, lr / 2)),
            new FitPhase(-3, Sliced(1, lr / 4)),
            new FitPhase(0, Sliced(epochs - 3, lr / 20)),
        ];
    }
}
