using Troupe.Training.Tuning;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>TrackerCallback</c> (order 60): after every epoch, compares the monitored column (valid_loss,
/// accuracy, ...) with the best so far, by the monitor's <see cref="MetricObjective"/> (fastai's <c>comp</c>:
/// <c>lowerIsBetter</c>, else the metric's default mode); an improvement must beat the best by <c>minDelta</c>.
/// </summary>
internal abstract class TrackerCallback : Callback, ICheckpointedCallback
{
    private protected TrackerCallback(string monitor, bool? lowerIsBetter, double minDelta, bool resetOnFit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), $"{GetType().Name}: expected min_delta >= 0, got {minDelta}");
        Objective = MetricObjective.Of(monitor, lowerIsBetter switch { true => MetricMode.Min, false => MetricMode.Max, null => null });
        MinDelta = minDelta;
        ResetOnFit = resetOnFit;
    }

    public override int Order => 60;

    /// <summary>The monitored column and which way it improves.</summary>
    public MetricObjective Objective { get; }

    public string Monitor => Objective.Metric;

    public bool LowerIsBetter => Objective.Mode == MetricMode.Min;

    public double MinDelta { get; }

    public bool ResetOnFit { get; }

    public double? Best { get; private set; }

    /// <summary>True when the last epoch improved on the best.</summary>
    public bool NewBest { get; private set; }

    public virtual string StateKey => $"{GetType().Name}:{Monitor}";

    public override void BeforeFit()
    {
        var columns = Learn.Recorder.ColumnNames;
        if (!columns.Skip(1).Contains(Monitor))
            throw new ArgumentException($"{GetType().Name}: expected a monitor among {string.Join(", ", columns.Skip(1).SkipLast(1))}, got '{Monitor}'");
        if (ResetOnFit || Best is null) Best = Objective.Worst;
    }

    public override void AfterEpoch()
    {
        var value = Learn.Recorder.Values[^1].Value(Monitor);
        if (value is not { } v)
        {
            NewBest = false;
            return;
        }
        NewBest = Objective.IsBetter(v, Best, MinDelta);
        if (NewBest) Best = v;
    }

    public virtual IReadOnlyDictionary<string, double> SaveState() => new Dictionary<string, double> { ["best"] = Best ?? double.NaN };

    public virtual void RestoreState(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Best = state.TryGetValue("best", out var b) && !double.IsNaN(b) ? b : Best;
    }
}
