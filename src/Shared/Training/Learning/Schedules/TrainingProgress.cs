namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>pct_train</c>: the fraction of training done, the position every scheduled hyperparameter
/// is read at. <c>TrainEvalCallback</c> sets it to <c>epoch / n_epoch</c> at the start of every training
/// phase and adds <c>1 / (n_iter * n_epoch)</c> after every training batch; the float sums are kept as
/// fastai makes them so schedules see bit-identical positions (also after a resume at an epoch boundary).
/// </summary>
internal static class TrainingProgress
{
    /// <summary>The value at the start of training phase <paramref name="epoch"/>.</summary>
    public static double AtEpochStart(int epoch, int epochs)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"TrainingProgress: expected n_epoch >= 1, got {epochs}");
        return (double)epoch / epochs;
    }

    /// <summary>One training batch later.</summary>
    public static double Advance(double pct, int batchesPerEpoch, int epochs) => pct + 1.0 / (batchesPerEpoch * epochs);

    /// <summary>The value seen by batch <paramref name="iter"/> of <paramref name="epoch"/>, accumulated as fastai does.</summary>
    public static double AtBatch(int epoch, int iter, int batchesPerEpoch, int epochs)
    {
        var pct = AtEpochStart(epoch, epochs);
        for (var i = 0; i < iter; i++) pct = Advance(pct, batchesPerEpoch, epochs);
        return pct;
    }
}
