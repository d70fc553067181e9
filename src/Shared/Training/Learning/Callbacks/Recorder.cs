using System.Diagnostics;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>Recorder</c> (always attached, order 50): the smoothed training loss (<see cref="SmoothLoss"/>, reset
/// only when a fit starts), the validation loss and metrics, the learning rate and smoothed loss of every
/// training batch (what <c>lr_find</c> plots), one <see cref="EpochRecord"/> per epoch, the epoch's wall time
/// and the training throughput.
/// </summary>
public sealed class Recorder : Callback
{
    private readonly List<double> lrs = [];
    private readonly List<double> losses = [];
    private readonly List<EpochRecord> values = [];
    private readonly AverageValue validLoss = new();
    private IReadOnlyList<IMetric> metrics = [];
    private bool cancelTrain;
    private bool cancelValid;
    private long epochStart;
    private long trainStart;
    private double trainSeconds;
    private long trainTokens;
    private double? trainLoss;
    private double? validValue;
    private MetricValue[] metricValues = [];
    private (float Raw, long Count, IReadOnlyList<EpochRecord> History)? pendingRestore;

    public override int Order => 50;

    public SmoothLoss SmoothLoss { get; } = new();

    /// <summary>Learning rate of every training batch of the current fit.</summary>
    public IReadOnlyList<double> Lrs => lrs;

    /// <summary>Smoothed loss after every training batch of the current fit.</summary>
    public IReadOnlyList<double> Losses => losses;

    /// <summary>One record per finished epoch of the current fit (for a resumed fit, the earlier epochs too).</summary>
    public IReadOnlyList<EpochRecord> Values => values;

    public IReadOnlyList<IMetric> Metrics => metrics;

    /// <summary>The validation loss of the current pass (row-weighted); a data-parallel replica loads the sum over replicas into it before after_validate reads it.</summary>
    internal AverageValue ValidLoss => validLoss;

    /// <summary>fastai's <c>metric_names</c>: epoch, train_loss, valid_loss, each metric, time.</summary>
    public IReadOnlyList<string> ColumnNames => ["epoch", "train_loss", "valid_loss", .. metrics.Select(m => m.Name), "time"];

    internal void UseMetrics(IReadOnlyList<IMetric> list) => metrics = list;

    /// <summary>Makes the next fit continue from a checkpoint: smoothed loss and history instead of a fresh start.</summary>
    internal void RestoreOnNextFit(float smoothRaw, long smoothCount, IReadOnlyList<EpochRecord> history)
        => pendingRestore = (smoothRaw, smoothCount, history);

    public override void BeforeFit()
    {
        lrs.Clear();
        losses.Clear();
        values.Clear();
        SmoothLoss.Reset();
        if (pendingRestore is { } r)
        {
            SmoothLoss.Restore(r.Raw, r.Count);
            values.AddRange(r.History);
            pendingRestore = null;
        }
    }

    public override void BeforeEpoch()
    {
        cancelTrain = cancelValid = false;
        epochStart = Stopwatch.GetTimestamp();
        trainSeconds = 0;
        trainTokens = 0;
        trainLoss = validValue = null;
        metricValues = [];
    }

    public override void BeforeTrain() => trainStart = Stopwatch.GetTimestamp();

    public override void BeforeValidate()
    {
        validLoss.Reset();
        foreach (var m in metrics) m.Reset();
    }

    public override void AfterBatch()
    {
        var learn = Learn;
        // A batch cancelled before its loss has nothing to record.
        if (learn.Loss is null || learn.Yb is null) return;
        if (learn.Training)
        {
            SmoothLoss.Accumulate(learn.LossValue);
            lrs.Add(learn.Opt!.Lr);
            losses.Add(SmoothLoss.Value);
            learn.SmoothLoss = SmoothLoss.Value;
            trainTokens += learn.Yb.numel();
            return;
        }
        validLoss.Accumulate(learn.LossValue, (int)learn.Yb.size(0));
        foreach (var m in metrics) m.Accumulate(learn);
    }

    public override void AfterCancelTrain() => cancelTrain = true;

    public override void AfterCancelValidate() => cancelValid = true;

    public override void AfterTrain()
    {
        trainSeconds = Stopwatch.GetElapsedTime(trainStart).TotalSeconds;
        trainLoss = cancelTrain || SmoothLoss.Count == 0 ? null : SmoothLoss.Value;
    }

    public override void AfterValidate()
    {
        if (cancelValid || validLoss.Count == 0) return;
        validValue = validLoss.Value;
        metricValues = metrics.Select(m => new MetricValue(m.Name, m.Value)).ToArray();
    }

    public override void AfterEpoch()
    {
        var seconds = Stopwatch.GetElapsedTime(epochStart).TotalSeconds;
        var record = new EpochRecord(Learn.Epoch, trainLoss, validValue, metricValues, seconds, trainTokens,
            trainSeconds > 0 ? trainTokens / trainSeconds : 0);
        values.Add(record);
        Learn.FinalRecord = record;
    }
}
