using Troupe.Training.Tests.Support;
using TorchSharp;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Learning;

public sealed class LearnerSpecs
{
    private static readonly Lazy<TextDataLoaders> Dls = new(() => HumanNumbers.Load().LoadersFor(DataLayout.Sequence));

    [Fact]
    public void Learner_must_call_fastais_events_in_order()
    {
        using var model = NewModel();
        var log = new EventLog();
        using var learn = new Learner(Small(2), model, cbs: [log]);

        learn.Fit(1, 1e-3);

        log.Events.Should().Equal(
            "before_fit", "before_epoch", "before_train",
            "before_batch", "after_pred", "after_loss", "before_backward", "after_backward", "before_step", "after_step", "after_batch",
            "before_batch", "after_pred", "after_loss", "before_backward", "after_backward", "before_step", "after_step", "after_batch",
            "after_train", "before_validate",
            "before_batch", "after_pred", "after_loss", "after_batch",
            "before_batch", "after_pred", "after_loss", "after_batch",
            "after_validate", "after_epoch", "after_fit");
    }

    [Fact]
    public void Step_must_advance_one_batch_at_a_time_and_mark_epoch_ends()
    {
        using var model = NewModel();
        using var learn = new Learner(Small(3), model);
        using var run = learn.BeginFit(FitPlan.FitOneCycle(2, 1e-2));

        var kinds = new List<StepKind>();
        while (!run.IsFinished) kinds.Add(run.Step().Kind);

        var epoch = Enumerable.Repeat(StepKind.TrainBatch, 3).Concat(Enumerable.Repeat(StepKind.ValidBatch, 3)).Append(StepKind.EpochEnd);
        kinds.Should().Equal(epoch.Concat(epoch).Append(StepKind.Finished));
        learn.Recorder.Values.Should().HaveCount(2);
    }

    [Fact]
    public void RequestStop_must_end_the_fit_before_the_next_batch_with_after_fit()
    {
        using var model = NewModel();
        var log = new EventLog();
        using var learn = new Learner(Small(3), model, cbs: [log]);
        using var run = learn.BeginFit(FitPlan.Fit(5, 1e-3));
        run.Step();

        run.RequestStop();
        var result = run.Step();

        result.Kind.Should().Be(StepKind.Finished);
        run.Cancelled.Should().BeTrue();
        log.Events.TakeLast(2).Should().Equal("after_cancel_fit", "after_fit");
        log.Events.Count(e => e == "before_batch").Should().Be(1);
    }

    [Fact]
    public void Early_stopping_must_cancel_the_fit_after_patience_epochs_without_improvement()
    {
        using var model = NewModel();
        var stop = new EarlyStoppingCallback("accuracy", minDelta: 10, patience: 2);
        using var learn = new Learner(Small(2), model, cbs: [stop]);

        var rows = learn.Fit(10, 1e-3);

        rows.Should().HaveCount(3, "the first epoch sets the best, two more without a 10-point gain stop it");
        stop.StoppedAt.Should().Be(2);
    }

    [Fact]
    public void A_callback_error_must_fault_the_run_and_propagate()
    {
        using var model = NewModel();
        using var learn = new Learner(Small(2), model, cbs: [new Throwing()]);
        using var run = learn.BeginFit(FitPlan.Fit(1, 1e-3));

        var act = () => run.Step();

        act.Should().Throw<InvalidOperationException>().WithMessage("boom");
        run.IsFinished.Should().BeTrue();
        var again = () => run.Step();
        again.Should().Throw<InvalidOperationException>().WithMessage("*failed*");
        learn.ActiveRun.Should().BeNull();
    }

    [Fact]
    public void Training_must_return_the_live_tensor_count_to_its_baseline()
    {
        var baseline = SettledLiveCount();
        using (var model = NewModel())
        using (var learn = TextLearner.Create(Small(4), model, 2, 1))
        {
            learn.FitOneCycle(2, 1e-2);
            learn.Validate();
        }

        SettledLiveCount().Should().Be(baseline);
    }

    // TorchSharp's per-thread accounting (LiveTensors): the test body and the Learner run on this thread. Tensors an
    // earlier test left to the finalizer are freed on the finalizer thread and do not move this thread's count.
    private static long SettledLiveCount() => LiveTensors.OnThisThread;

    [Fact]
    public void LrFind_must_record_increasing_rates_and_restore_the_weights()
    {
        using var model = NewModel();
        using var learn = new Learner(Dls.Value, model);
        learn.CreateOpt();
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.ToFloats()); // live parameters: never disposed here

        var result = learn.LrFind(numIt: 30);

        result.Lrs.Should().BeInAscendingOrder();
        result.Lrs[0].Should().BeApproximately(1e-7, 1e-12);
        result.Valley.Should().NotBeNull();
        foreach (var (name, w) in before)
        {
            model.state_dict()[name].ToFloats().Should().Equal(w, $"{name} must be put back after lr_find");
        }
    }

    [Fact]
    public void Learner_must_give_its_optimizer_a_tied_weight_once()
    {
        using var model = NewModel();
        using var learn = new Learner(Dls.Value, model);

        learn.CreateOpt();

        // LMModel7's h_o.weight is i_h.weight: PyTorch's parameters() yields it once, and so must the optimizer hold it
        // (twice would step it twice a batch, each with its own Adam state).
        learn.Opt!.Names.Should().OnlyHaveUniqueItems().And.HaveCount(model.named_parameters().Select(p => p.parameter.Handle).Distinct().Count());
    }

    private static LMModel7 NewModel()
    {
        torch.manual_seed(0);
        return new LMModel7(Dls.Value.Vocab.Count, 32, 2, 0.2);
    }

    // The first n batches of each split: enough to exercise a fit quickly.
    private static TextDataLoaders Small(int n) => new(new FirstBatches(Dls.Value.Train, n), new FirstBatches(Dls.Value.Valid, n), Dls.Value.Vocab);

    private sealed class FirstBatches(ITextDataLoader inner, int n) : ITextDataLoader
    {
        public int BatchSize => inner.BatchSize;

        public int BatchCount => n;

        public IEnumerable<TextBatch> Batches(int epoch = 0) => inner.Batches(epoch).Take(n);

        public ITextDataLoader Rows(int start, int count) => new FirstBatches(inner.Rows(start, count), n);
    }

    private sealed class Throwing : Callback
    {
        public override void AfterLoss() => throw new InvalidOperationException("boom");
    }

    private sealed class EventLog : Callback
    {
        public List<string> Events { get; } = [];

        public override void BeforeFit() => Events.Add("before_fit");
        public override void BeforeEpoch() => Events.Add("before_epoch");
        public override void BeforeTrain() => Events.Add("before_train");
        public override void BeforeBatch() => Events.Add("before_batch");
        public override void AfterPred() => Events.Add("after_pred");
        public override void AfterLoss() => Events.Add("after_loss");
        public override void BeforeBackward() => Events.Add("before_backward");
        public override void AfterBackward() => Events.Add("after_backward");
        public override void BeforeStep() => Events.Add("before_step");
        public override void AfterStep() => Events.Add("after_step");
        public override void AfterBatch() => Events.Add("after_batch");
        public override void AfterTrain() => Events.Add("after_train");
        public override void BeforeValidate() => Events.Add("before_validate");
        public override void AfterValidate() => Events.Add("after_validate");
        public override void AfterEpoch() => Events.Add("after_epoch");
        public override void AfterFit() => Events.Add("after_fit");
        public override void AfterCancelFit() => Events.Add("after_cancel_fit");
    }
}
