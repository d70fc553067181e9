namespace Troupe.Training.Learning;

/// <summary>Forwards a fit's progress to an <see cref="IProgressSink"/> (order 70, after the Recorder).</summary>
public sealed class ProgressCallback(IProgressSink sink) : Callback
{
    private bool cancelled;

    public override int Order => 70;

    public IProgressSink Sink { get; } = sink ?? throw new ArgumentNullException(nameof(sink));

    public override void BeforeFit()
    {
        cancelled = false;
        Sink.OnFitStart(Learn.Recorder.ColumnNames, Learn.NEpoch);
    }

    public override void AfterBatch()
    {
        var learn = Learn;
        if (learn.Loss is null) return;
        Sink.OnBatch(learn.Training
            ? new BatchProgress(learn.Epoch, learn.Iter, learn.NIter, true, learn.LossValue, learn.SmoothLoss, learn.Opt?.Lr, learn.Opt?.Mom)
            : new BatchProgress(learn.Epoch, learn.Iter, learn.NIter, false, learn.LossValue, null, null, null));
    }

    public override void AfterEpoch() => Sink.OnEpoch(Learn.Recorder.Values[^1]);

    public override void AfterCancelFit() => cancelled = true;

    public override void AfterFit() => Sink.OnFitEnd(cancelled);
}
