using Troupe.Training.Learning;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;
using Troupe.Worker.Tests.Support;
using Troupe.Worker.Trials;

namespace Troupe.Worker.Tests.Trials;

// Top-level actors stop on failure here, as the worker agent's children do.
public sealed class ModelActorSpecs(ITestOutputHelper output)
    : TestKit(TestConfigs.StoppingGuardian, output: output)
{
    private static readonly TimeSpan Epochs = TimeSpan.FromSeconds(90);
    private readonly DatasetCache cache = new();

    private IActorRef Start(TrialAssignment trial, TestProbe reports, byte[]? checkpoint = null, int attempt = 1, TimeSpan? progressEvery = null) =>
        Watch(Sys.ActorOf(ModelActor.Props(new StartTrial(TestTrials.Fence(attempt), trial, TestCheckpoints.Offer(Sys, checkpoint), reports.Ref), "w1", cache,
            new ModelActorSettings(progressEvery ?? TimeSpan.FromHours(1)))));

    // The next epoch report (batch progress skipped).
    private static EpochCompleted Epoch(TestProbe reports) => reports.FishForMessage<EpochCompleted>(_ => true, Epochs);

    [Fact]
    public void ModelActor_must_report_every_epoch_with_a_checkpoint_and_stop_when_the_fit_ends()
    {
        var reports = CreateTestProbe();
        var actor = Start(TestTrials.SmallLstm(epochs: 2, deterministic: false), reports);

        var first = Epoch(reports);
        var second = Epoch(reports);

        first.Fence.Should().Be(TestTrials.Fence());
        first.Metrics.Epoch.Should().Be(0);
        second.Metrics.Epoch.Should().Be(1);
        second.Metrics.ValidLoss.Should().BeLessThan(first.Metrics.ValidLoss!.Value);
        first.Metrics.Metrics.Keys.Should().BeEquivalentTo("accuracy", "perplexity");
        LearnerCheckpoint.FromBytes(first.CheckpointBytes(Sys)).Epoch.Should().Be(1, "a checkpoint resumes at the next epoch");
        LearnerCheckpoint.FromBytes(second.CheckpointBytes(Sys)).Tags.Should().Contain("trial", "trial-0000");
        ExpectTerminated(actor, Epochs);
        reports.ReceiveWhile<object>(m => m, TimeSpan.FromMilliseconds(300)).Should().NotContain(m => m is EpochCompleted);
    }

    [Fact]
    public void ModelActor_must_stop_between_two_batches()
    {
        var reports = CreateTestProbe();
        var actor = Start(TestTrials.SmallLstm(epochs: 5, deterministic: false), reports, progressEvery: TimeSpan.Zero);

        var progress = reports.ExpectMsg<TrialProgress>(Epochs);
        actor.Tell(new StopTrial(TestTrials.Fence(), "test"));

        progress.Training.Should().BeTrue();
        ExpectTerminated(actor, Epochs);
        reports.ReceiveWhile<object>(m => m is TrialProgress ? m : null!, TimeSpan.FromSeconds(1)) // null ends the run of progress reports
            .Should().HaveCountLessThan(5, "the stop is served before the next batch or two");
        reports.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void ModelActor_must_resume_from_a_checkpoint_to_the_metrics_of_the_uninterrupted_fit()
    {
        var uninterrupted = CreateTestProbe();
        Start(TestTrials.SmallLstm(epochs: 3), uninterrupted);
        var full = Enumerable.Range(0, 3).Select(_ => Epoch(uninterrupted)).ToList();

        var resumed = CreateTestProbe();
        Start(TestTrials.SmallLstm(epochs: 3), resumed, full[0].CheckpointBytes(Sys), attempt: 2);
        var rest = Enumerable.Range(0, 2).Select(_ => Epoch(resumed)).ToList();

        rest.Select(r => r.Metrics.Epoch).Should().Equal(1, 2);
        rest[0].Fence.Attempt.Should().Be(2);
        rest[0].Metrics.SameResultsAs(full[1].Metrics).Should().BeTrue("epoch 1 resumed: {0} vs {1}", rest[0].Metrics, full[1].Metrics);
        rest[1].Metrics.SameResultsAs(full[2].Metrics).Should().BeTrue("epoch 2 resumed: {0} vs {1}", rest[1].Metrics, full[2].Metrics);
    }

    [Fact]
    public void ModelActor_must_report_a_failure_with_its_reason_and_stop()
    {
        var reports = CreateTestProbe();
        var trial = TestTrials.Assignment("lmmodel7", new Dictionary<string, double> { ["n_hiddn"] = 16 }, 1);
        var actor = Start(trial, reports);

        var failed = reports.ExpectMsg<TrialFailed>(Epochs);

        failed.Fence.Should().Be(TestTrials.Fence());
        failed.WorkerId.Should().Be("w1");
        failed.Reason.Should().Contain("n_hiddn");
        ExpectTerminated(actor, Epochs);
    }

    [Fact]
    public void ModelActor_must_ignore_a_stop_for_another_attempt()
    {
        var reports = CreateTestProbe();
        var actor = Start(TestTrials.Noop(epochs: 3, seconds: 0.2), reports);

        actor.Tell(new StopTrial(TestTrials.Fence(attempt: 7), "stale"));

        Enumerable.Range(0, 3).Select(_ => Epoch(reports).Metrics.Epoch).Should().Equal(0, 1, 2);
        ExpectTerminated(actor, Epochs);
    }

    [Fact]
    public void ModelActor_must_train_a_noop_trial_and_resume_it_at_its_checkpoint()
    {
        var reports = CreateTestProbe();
        Start(TestTrials.Noop(epochs: 2), reports);
        var first = Epoch(reports);
        Epoch(reports);

        var resumed = CreateTestProbe();
        Start(TestTrials.Noop(epochs: 3), resumed, first.CheckpointBytes(Sys), attempt: 2);

        first.Metrics.ValidLoss.Should().Be(1.0);
        Epoch(resumed).Metrics.Should().Match<EpochMetrics>(m => m.Epoch == 1 && m.ValidLoss == 0.5);
        Epoch(resumed).Metrics.Epoch.Should().Be(2);
    }
}
