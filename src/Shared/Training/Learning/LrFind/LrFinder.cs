namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>LRFinder</c> callback: before every training batch sets lr to
/// <c>start * (end/start) ** (train_iter / num_it)</c>; stops the fit once <c>num_it</c> batches ran or the
/// smoothed loss exceeds 4x the best; skips validation; after the fit puts back the weights and optimizer
/// state it saved when the fit began (fastai saves and reloads <c>_tmp.pth</c>).
/// </summary>
internal sealed class LrFinder(double startLr, double endLr, int numIt, bool stopDiv) : Callback, IDisposable
{
    private readonly ExponentialSchedule schedule = new(startLr, endLr);
    private LearnerCheckpoint? saved;
    private double bestLoss;

    public override int Order => 60;

    public override bool RunValid => false;

    public override void BeforeFit()
    {
        saved = LearnerCheckpoint.Capture(Learn, FitPlan.Fit(1, startLr), 0);
        bestLoss = double.PositiveInfinity;
    }

    public override void BeforeBatch() => Learn.SetHyper("lr", schedule.At((double)Learn.TrainIter / numIt));

    public override void AfterBatch()
    {
        var smooth = Learn.SmoothLoss;
        if (smooth < bestLoss) bestLoss = smooth;
        if (stopDiv && (smooth > 4 * bestLoss || float.IsNaN(smooth))) throw new CancelFitException();
        if (Learn.TrainIter >= numIt) throw new CancelFitException();
    }

    public override void BeforeValidate() => throw new CancelValidException();

    public override void AfterFit()
    {
        Learn.Opt?.ZeroGrad();
        // Weights, optimizer and RNG as before the sweep; the Recorder keeps the sweep for the caller.
        saved?.RestoreInto(Learn);
        saved = null;
    }

    public void Dispose() => saved = null;
}
