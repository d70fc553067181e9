using TorchSharp;
using Troupe.Training.Text;
using static TorchSharp.torch;

namespace Troupe.Training.Learning;

/// <summary>
/// One fit, advanced by the caller: every <see cref="Step"/> trains or validates one batch, or closes an
/// epoch (<see cref="StepKind.EpochEnd"/>, where checkpoints are taken), or ends the fit. Between steps
/// nothing runs, so a model actor serves Stop/Pause/status messages in between. Events and cancel
/// exceptions follow fastai's <c>_with_events</c>: <c>before_x</c>, the body, <c>after_cancel_x</c> when
/// the body raised <c>CancelXException</c>, then <c>after_x</c>. Any other exception propagates and leaves
/// the run faulted.
/// </summary>
public sealed class FitRun : IDisposable
{
    private enum Phase { NotStarted, EpochStart, Train, ValidStart, Valid, EpochFinish, Finished, Faulted }

    private readonly Learner learn;
    private readonly Callback[] fitCallbacks;
    private readonly LearnerCheckpoint? restore;
    private Phase phase = Phase.NotStarted;
    private IEnumerator<TextBatch>? batches;
    private bool stopRequested;

    internal FitRun(Learner learn, FitPlan plan, IEnumerable<Callback> cbs, int startEpoch, LearnerCheckpoint? restore)
    {
        this.learn = learn;
        this.restore = restore;
        Plan = plan;
        StartEpoch = startEpoch;
        var list = cbs.ToList();
        if (plan.OneCycle)
        {
            list.Insert(0, new ParamScheduler(new Dictionary<string, ISchedule>
            {
                ["lr"] = OneCycle.LearningRate(plan.Lr, plan.Div, plan.DivFinal, plan.PctStart),
                ["mom"] = OneCycle.Momentum(plan.Moms, plan.PctStart),
            }));
        }
        fitCallbacks = list.ToArray();
    }

    public FitPlan Plan { get; }

    /// <summary>The first epoch this run trains (0, or the epoch a checkpoint resumes at).</summary>
    public int StartEpoch { get; }

    public bool IsFinished => phase is Phase.Finished or Phase.Faulted;

    /// <summary>True when the fit ended early (a CancelFitException or <see cref="RequestStop"/>).</summary>
    public bool Cancelled { get; private set; }

    /// <summary>True between epochs: before the first batch of an epoch, or after the fit.</summary>
    public bool AtEpochBoundary => phase is Phase.NotStarted or Phase.EpochStart or Phase.Finished;

    /// <summary>The next epoch to train (the epoch a checkpoint taken now resumes at).</summary>
    public int NextEpoch => phase is Phase.NotStarted ? StartEpoch : learn.Epoch;

    /// <summary>Asks the fit to end before its next batch (as a CancelFitException would: after_cancel_fit, after_fit).</summary>
    public void RequestStop() => stopRequested = true;

    /// <summary>Runs every remaining step.</summary>
    public void RunToEnd()
    {
        while (!IsFinished) Step();
    }

    /// <summary>Advances the fit by one batch, one epoch end, or its end.</summary>
    public StepResult Step()
    {
        if (phase == Phase.Faulted) throw new InvalidOperationException("FitRun: expected a healthy fit, got one that failed; start a new fit");
        if (phase == Phase.Finished) throw new InvalidOperationException("FitRun: expected a fit in progress, got a finished one");
        try
        {
            if (phase == Phase.NotStarted) Begin();
            if (stopRequested) throw new CancelFitException();
            while (true)
            {
                var result = EpochStep();
                if (result is not null) return result;
            }
        }
        catch (CancelFitException)
        {
            Cancelled = true;
            learn.Event(LearnerEvent.AfterCancelFit);
            return End();
        }
        catch
        {
            Fault();
            throw;
        }
    }

    /// <summary>The state at this epoch boundary (model, optimizer, RNG, schedule position, history).</summary>
    public LearnerCheckpoint Checkpoint()
    {
        if (!AtEpochBoundary) throw new InvalidOperationException($"FitRun.Checkpoint: expected an epoch boundary, got epoch {learn.Epoch} in phase {phase}");
        return LearnerCheckpoint.Capture(learn, Plan, NextEpoch);
    }

    private void Begin()
    {
        foreach (var cb in fitCallbacks) learn.AddCb(cb);
        if (learn.Options.Threads is { } threads) set_num_threads(threads);
        if (learn.Opt is null) learn.CreateOpt();
        if ((Plan.Wd ?? learn.Options.Wd) is { } wd) learn.SetHyper("wd", wd);
        learn.SetHyper("lr", Plan.Lr);
        learn.Opt!.SetLrScales(Plan.LrScales(learn.Opt.GroupCount));
        learn.NEpoch = Plan.Epochs;
        learn.Epoch = StartEpoch;
        learn.TrainIter = 0;
        learn.PctTrain = 0;
        learn.Recorder.UseMetrics(learn.Options.Metrics());
        if (restore is not null) learn.Recorder.RestoreOnNextFit(restore.SmoothRaw, restore.SmoothCount, restore.History);
        phase = Phase.EpochStart;
        learn.Event(LearnerEvent.BeforeFit);
        restore?.RestoreCallbacks(learn);
    }

    // One unit of the epoch state machine; null when it moved between phases without a result.
    private StepResult? EpochStep()
    {
        if (phase == Phase.EpochStart && learn.Epoch >= Plan.Epochs) return End();
        try
        {
            switch (phase)
            {
                case Phase.EpochStart:
                    learn.Event(LearnerEvent.BeforeEpoch);
                    phase = Phase.Train;
                    StartPass(training: true);
                    return null;
                case Phase.Train:
                    return PassStep(training: true);
                case Phase.ValidStart:
                    phase = Phase.Valid;
                    StartPass(training: false);
                    return null;
                case Phase.Valid:
                    return PassStep(training: false);
                case Phase.EpochFinish:
                    return FinishEpoch();
                default:
                    throw new InvalidOperationException($"FitRun: unexpected phase {phase}");
            }
        }
        catch (CancelEpochException)
        {
            batches?.Dispose();
            batches = null;
            learn.Event(LearnerEvent.AfterCancelEpoch);
            return FinishEpoch();
        }
    }

    private void StartPass(bool training)
    {
        var dl = training ? learn.Dls.Train : learn.Dls.Valid;
        try
        {
            if (training)
            {
                learn.PctTrain = TrainingProgress.AtEpochStart(learn.Epoch, learn.NEpoch);
                learn.Model.train();
                learn.Training = true;
            }
            else
            {
                learn.Model.eval();
                learn.Training = false;
            }
            learn.NIter = dl.BatchCount;
            learn.Iter = 0;
            batches = dl.Batches(learn.Epoch).GetEnumerator();
            learn.Event(training ? LearnerEvent.BeforeTrain : LearnerEvent.BeforeValidate);
        }
        catch (CancelTrainException) when (training)
        {
            EndPass(training, cancelled: true);
        }
        catch (CancelValidException) when (!training)
        {
            EndPass(training, cancelled: true);
        }
    }

    private StepResult? PassStep(bool training)
    {
        try
        {
            if (!batches!.MoveNext())
            {
                EndPass(training, cancelled: false);
                return null;
            }
            var batch = batches.Current;
            learn.Iter = batch.Index;
            var loss = OneBatch(batch, training);
            return new StepResult(training ? StepKind.TrainBatch : StepKind.ValidBatch, learn.Epoch, batch.Index, learn.NIter, loss);
        }
        catch (CancelTrainException) when (training)
        {
            EndPass(training, cancelled: true);
            return null;
        }
        catch (CancelValidException) when (!training)
        {
            EndPass(training, cancelled: true);
            return null;
        }
    }

    private void EndPass(bool training, bool cancelled)
    {
        batches?.Dispose();
        batches = null;
        if (cancelled) learn.Event(training ? LearnerEvent.AfterCancelTrain : LearnerEvent.AfterCancelValidate);
        // Phase first: after_train / after_validate may cancel the epoch, which must not re-run the pass.
        phase = training ? Phase.ValidStart : Phase.EpochFinish;
        learn.Event(training ? LearnerEvent.AfterTrain : LearnerEvent.AfterValidate);
    }

    private double? OneBatch(TextBatch batch, bool training)
    {
        using var scope = NewDisposeScope();
        using var grad = training ? enable_grad() : no_grad();
        double? loss = null;
        try
        {
            var (x, y) = batch.ToTensors(learn.Options.Device);
            learn.Xb = x;
            learn.Yb = y;
            learn.Event(LearnerEvent.BeforeBatch);
            var output = learn.Model.forward(learn.Xb);
            learn.Pred = output.Output;
            learn.Raw = output.Raw;
            learn.Dropped = output.Dropped;
            learn.Event(LearnerEvent.AfterPred);
            learn.LossGrad = learn.Options.LossFunc(learn.Pred, learn.Yb);
            learn.Loss = learn.LossGrad.detach();
            learn.LossValue = learn.Loss.item<float>();
            loss = learn.LossValue;
            learn.Event(LearnerEvent.AfterLoss);
            if (training)
            {
                Guarded(LearnerEvent.BeforeBackward, () => learn.LossGrad!.backward(), LearnerEvent.AfterCancelBackward, LearnerEvent.AfterBackward, typeof(CancelBackwardException));
                Guarded(LearnerEvent.BeforeStep, () => learn.Opt!.Step(), LearnerEvent.AfterCancelStep, LearnerEvent.AfterStep, typeof(CancelStepException));
                learn.Opt!.ZeroGrad();
            }
        }
        catch (CancelBatchException)
        {
            learn.Event(LearnerEvent.AfterCancelBatch);
        }
        // TrainEvalCallback.after_batch runs first (order -10): progress moves before the others see the batch.
        if (training)
        {
            learn.PctTrain = TrainingProgress.Advance(learn.PctTrain, learn.NIter, learn.NEpoch);
            learn.TrainIter++;
        }
        try
        {
            learn.Event(LearnerEvent.AfterBatch);
        }
        finally
        {
            learn.ClearBatch();
        }
        return loss;
    }

    private void Guarded(LearnerEvent before, Action body, LearnerEvent afterCancel, LearnerEvent after, Type cancel)
    {
        try
        {
            learn.Event(before);
            body();
        }
        catch (CancelException e) when (e.GetType() == cancel)
        {
            learn.Event(afterCancel);
        }
        learn.Event(after);
    }

    private StepResult FinishEpoch()
    {
        var epoch = learn.Epoch;
        // Before after_epoch: an early stop there must not re-run this epoch.
        phase = Phase.EpochStart;
        try
        {
            learn.Event(LearnerEvent.AfterEpoch);
        }
        finally
        {
            learn.Epoch = epoch + 1;
        }
        return new StepResult(StepKind.EpochEnd, epoch, learn.NIter, learn.NIter, Record: learn.FinalRecord);
    }

    private StepResult End()
    {
        batches?.Dispose();
        batches = null;
        try
        {
            learn.Event(LearnerEvent.AfterFit);
        }
        finally
        {
            phase = Phase.Finished;
            Cleanup();
        }
        return new StepResult(StepKind.Finished, Math.Max(0, learn.Epoch - 1), 0, 0, Record: learn.FinalRecord);
    }

    private void Fault()
    {
        phase = Phase.Faulted;
        batches?.Dispose();
        batches = null;
        learn.ClearBatch();
        Cleanup();
    }

    private void Cleanup()
    {
        foreach (var cb in fitCallbacks) learn.RemoveCb(cb);
        learn.Training = false;
        learn.EndRun(this);
    }

    /// <summary>Ends an unfinished fit without after_fit (the caller abandons it, e.g. an actor stopping).</summary>
    public void Dispose()
    {
        if (IsFinished) return;
        Cancelled = true;
        Fault();
    }
}
