namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>EarlyStoppingCallback</c>: stops the fit (<see cref="CancelFitException"/>) once the monitored
/// column has not improved for <see cref="Patience"/> epochs in a row.
/// </summary>
internal sealed class EarlyStoppingCallback : TrackerCallback
{
    public EarlyStoppingCallback(string monitor = "valid_loss", bool? lowerIsBetter = null, double minDelta = 0, int patience = 1, bool resetOnFit = true)
        : base(monitor, lowerIsBetter, minDelta, resetOnFit)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), $"EarlyStoppingCallback: expected patience >= 1, got {patience}");
        Patience = patience;
    }

    public int Patience { get; }

    /// <summary>Epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>The epoch at which it stopped the fit, or null.</summary>
    public int? StoppedAt { get; private set; }

    public override void BeforeFit()
    {
        base.BeforeFit();
        Wait = 0;
        StoppedAt = null;
    }

    public override void AfterEpoch()
    {
        base.AfterEpoch();
        if (NewBest)
        {
            Wait = 0;
            return;
        }
        Wait++;
        if (Wait >= Patience)
        {
            StoppedAt = Learn.Epoch;
            throw new CancelFitException();
        }
    }

    public override IReadOnlyDictionary<string, double> SaveState() => new Dictionary<string, double>(base.SaveState()) { ["wait"] = Wait };

    public override void RestoreState(IReadOnlyDictionary<string, double> state)
    {
        base.RestoreState(state);
        if (state.TryGetValue("wait", out var w)) Wait = (int)w;
    }
}
