using static TorchSharp.torch;
namespace Troupe.Training.Learning;

public sealed partial class Learner
{
    /// <summary>
    /// Restores model, optimizer and RNG from <paramref name="checkpoint"/> and starts its fit at the epoch it
    /// was taken at; driven to the end, the fit ends as the uninterrupted one would have. The Learner must
    /// have the checkpoint's vocab and an identically shaped model; <paramref name="cbs"/> are the fit-only
    /// callbacks the original fit had (trackers get their saved state back after before_fit).
    /// </summary>
    public FitRun Resume(LearnerCheckpoint checkpoint, IEnumerable<Callback>? cbs = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (activeRun is { IsFinished: false })
            throw new InvalidOperationException("Learner.Resume: expected no fit in progress, got one");
        checkpoint.RestoreInto(this);
        return StartRun(checkpoint.Plan, cbs, checkpoint.Epoch, checkpoint);
    }

    /// <summary>
    /// Runs one validation pass (fastai's <c>validate</c>) with fresh metrics and returns the loss and
    /// metrics; the model's hidden state is reset first when a <see cref="ModelResetter"/> is attached.
    /// </summary>
    public (double Loss, IReadOnlyList<MetricValue> Metrics) Validate()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (activeRun is { IsFinished: false })
            throw new InvalidOperationException("Learner.Validate: expected no fit in progress, got one");
        var metrics = Options.Metrics();
        var loss = new AverageValue();
        if (Cb<ModelResetter>() is not null || Model.IsStateful) Model.Reset();
        Model.eval();
        Training = false;
        using var guard = TorchSharp.torch.no_grad();
        foreach (var batch in Dls.Valid.Batches())
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            var (x, y) = batch.ToTensors(Options.Device);
            Xb = x;
            Yb = y;
            Pred = Model.forward(x).Output;
            Loss = Options.LossFunc(Pred, y);
            LossValue = Loss.item<float>();
            loss.Accumulate(LossValue, batch.Rows);
            foreach (var m in metrics) m.Accumulate(this);
            ClearBatch();
        }
        Model.Reset();
        return (loss.Value, metrics.Select(m => new MetricValue(m.Name, m.Value)).ToArray());
    }

    /// <summary>
    /// fastai's <c>lr_find</c>: trains with an exponentially growing learning rate from
    /// <paramref name="startLr"/> to <paramref name="endLr"/> over <paramref name="numIt"/> batches (stopping
    /// early once the smoothed loss passes 4x its best), then puts the weights and optimizer back. Returns the
    /// recorded points and fastai's suggestions.
    /// </summary>
    public LrFindResult LrFind(double startLr = 1e-7, double endLr = 10, int numIt = 100, bool stopDiv = true)
    {
        if (!(startLr > 0) || !(endLr > startLr))
            throw new ArgumentOutOfRangeException(nameof(startLr), $"lr_find: expected 0 < start_lr < end_lr, got {startLr} and {endLr}");
        if (numIt < 6) numIt = 6;
        var finder = new LrFinder(startLr, endLr, numIt, stopDiv);
        var epochs = numIt / Math.Max(1, Dls.Train.BatchCount) + 1;
        using (var run = BeginFit(FitPlan.Fit(epochs, startLr), [finder])) run.RunToEnd();
        var (lrs, losses) = LrSuggestions.Trim(Recorder.Lrs, Recorder.Losses, numIt);
        return lrs.Length == 0
            ? new LrFindResult(Recorder.Lrs.ToArray(), Recorder.Losses.ToArray(), null, null, null)
            : new LrFindResult(Recorder.Lrs.ToArray(), Recorder.Losses.ToArray(),
                LrSuggestions.Valley(lrs, losses), LrSuggestions.Minimum(lrs, losses), LrSuggestions.Steep(lrs, losses));
    }
}
