using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Sweep;

/// <summary>The coordinator against a scripted worker: probes play the worker agent and its model actors.</summary>
public sealed class CoordinatorFailureSpecs(ITestOutputHelper output) : SweepSpecsBase(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static string Yaml(int retries) => $"""
        name: scripted
        data: {"{"} kind: human-numbers {"}"}
        model: noop
        train: {"{"} epochs: 2, batch_size: 64, seq_len: 16 {"}"}
        retries: {retries}
        """;

    private EpochCompleted Report(FencingToken fence, int epoch, byte[] checkpoint) =>
        new(fence, new EpochMetrics(epoch, 1.0 / (epoch + 1), 1.0 / (epoch + 1), new Dictionary<string, double>(), 0.1, 0, 0), TestCheckpoints.Offer(Sys, checkpoint));

    private (IActorRef Coordinator, TestProbe Agent, TestProbe Events) Start(int retries, string worker = "fake-1")
    {
        var events = CreateTestProbe();
        var coordinator = StartCoordinator(Spec(Yaml(retries)), Folder.Sub("run"), events.Ref);
        var agent = CreateTestProbe();
        agent.Send(coordinator, new RegisterWorker(worker, 1, agent.Ref));
        agent.ExpectMsg<WorkerRegistered>(Wait);
        return (coordinator, agent, events);
    }

    [Fact]
    public void Coordinator_must_ignore_and_log_reports_from_a_stale_attempt()
    {
        var (coordinator, agent, events) = Start(retries: 1);
        var model = CreateTestProbe();
        var first = agent.ExpectMsg<StartTrial>(Wait);
        coordinator.Tell(new TrialStarted(first.Fence, "fake-1", model.Ref), agent.Ref);
        model.Send(coordinator, new TrialFailed(first.Fence, "fake-1", "boom"));
        Sys.Stop(model.Ref);   // as a failed model actor does
        var second = agent.ExpectMsg<StartTrial>(Wait);

        model.Send(coordinator, Report(first.Fence, 0, [9]));
        var stale = events.FishForMessage<StaleReportIgnored>(_ => true, Wait);
        var secondModel = CreateTestProbe();
        secondModel.Send(coordinator, Report(second.Fence, 0, [1]));
        secondModel.Send(coordinator, Report(second.Fence, 1, [2]));
        var summary = AwaitSweep(coordinator);

        first.Fence.Should().Be(new FencingToken("trial-0000", 1));
        second.Fence.Should().Be(new FencingToken("trial-0000", 2));
        stale.Fence.Should().Be(first.Fence);
        stale.Why.Should().Contain("stale attempt");
        summary.Completed.Should().Be(1);
        Snapshot(Folder.Sub("run")).Metrics.Select(m => (m.Attempt, m.Metrics.Epoch)).Should().Equal((2, 0), (2, 1));
        LogText.Should().Contain("ignored epoch 0 report from trial-0000#1: report from trial-0000#1 ignored: stale attempt");
    }

    [Fact]
    public void Coordinator_must_fail_an_attempt_whose_checkpoint_does_not_arrive_whole_and_keep_nothing_of_it()
    {
        var (coordinator, agent, events) = Start(retries: 1);
        var model = CreateTestProbe();
        var first = agent.ExpectMsg<StartTrial>(Wait);
        var good = Report(first.Fence, 0, [5, 5, 5]);
        model.Send(coordinator, good with { Checkpoint = good.Checkpoint with { Sha256 = new string('0', 64) } });

        var failed = events.FishForMessage<TrialAttemptFailed>(_ => true, Wait);
        Sys.Stop(model.Ref);   // the model actor stops as told: only then its slot takes the retry
        var second = agent.ExpectMsg<StartTrial>(Wait);

        failed.Fence.Should().Be(first.Fence);
        failed.Reason.Should().StartWith("epoch 0 checkpoint did not arrive: expected SHA-256 0000");
        second.Checkpoint.Should().BeNull("the epoch was not accepted, so the retry starts from scratch");
        Snapshot(Folder.Sub("run")).Metrics.Should().BeEmpty();
        Directory.GetFiles(Folder.Sub("run"), "*.ckpt*", SearchOption.AllDirectories).Should().BeEmpty("nothing half-received is kept");
        Directory.GetFiles(Folder.Sub("run"), "*.received*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    // Trial-0000's first attempt failed on the one slot of fake-1 while its model actor runs on (as a replica blocked in
    // a collective does): no new attempt may be placed there yet.
    private (IActorRef Coordinator, TestProbe Agent, TestProbe Model) FailedAttemptStillRunning(int retries = 1)
    {
        var (coordinator, agent, events) = Start(retries);
        var model = CreateTestProbe();
        var first = agent.ExpectMsg<StartTrial>(Wait);
        coordinator.Tell(new TrialStarted(first.Fence, "fake-1", model.Ref), agent.Ref);
        model.Send(coordinator, new TrialFailed(first.Fence, "fake-1", "boom"));
        events.FishForMessage<TrialAttemptFailed>(_ => true, Wait);
        agent.ExpectNoMsg(TimeSpan.FromSeconds(1));
        return (coordinator, agent, model);
    }

    [Fact]
    public void Coordinator_must_give_an_ended_attempts_slot_to_a_new_attempt_only_after_its_model_actor_stopped()
    {
        var (_, agent, model) = FailedAttemptStillRunning();
        Sys.Stop(model.Ref);
        var second = agent.ExpectMsg<StartTrial>(Wait);

        second.Fence.Should().Be(new FencingToken("trial-0000", 2));
    }

    [Fact]
    public void Coordinator_must_free_a_held_slot_when_the_node_of_the_actor_still_running_is_removed()
    {
        var (coordinator, _, _) = FailedAttemptStillRunning();

        // A new incarnation at the same address: the old node is gone, and with it the actor that held the slot.
        var again = CreateTestProbe();
        again.Send(coordinator, new RegisterWorker("fake-1", 1, again.Ref));
        var second = again.FishForMessage<StartTrial>(_ => true, Wait);

        second.Fence.Should().Be(new FencingToken("trial-0000", 2));
    }

    [Fact]
    public void Coordinator_must_take_the_stop_of_a_held_model_actor_after_the_sweep_finished()
    {
        var (coordinator, _, model) = FailedAttemptStillRunning(retries: 0);
        AwaitSweep(coordinator).Failed.Should().Be(1);

        // Its slot was held while it ran on; its Terminated now reaches a finished coordinator, which must not fail on it.
        EventFilter.Exception<DeathPactException>().Expect(0, TimeSpan.FromSeconds(2), () => Sys.Stop(model.Ref));
    }

    [Fact]
    public void Coordinator_must_retry_from_the_last_checkpoint_and_give_up_when_the_retries_are_spent()
    {
        var (coordinator, agent, events) = Start(retries: 1);
        var model = CreateTestProbe();
        var first = agent.ExpectMsg<StartTrial>(Wait);
        model.Send(coordinator, Report(first.Fence, 0, [7, 7]));
        events.FishForMessage<EpochReported>(_ => true, Wait);
        model.Send(coordinator, new TrialFailed(first.Fence, "fake-1", "boom"));
        Sys.Stop(model.Ref);
        var second = agent.ExpectMsg<StartTrial>(Wait);
        model.Send(coordinator, new TrialFailed(second.Fence, "fake-1", "boom again"));
        var summary = AwaitSweep(coordinator);

        first.Checkpoint.Should().BeNull();
        second.CheckpointBytes(Sys).Should().Equal(7, 7);
        summary.Failed.Should().Be(1);
        summary.Succeeded.Should().BeFalse();
        Snapshot(Folder.Sub("run")).Trial("trial-0000")!.Status.Should().Be(TrialStatus.Failed);
        LogText.Should().Contain("failed  trial-0000#1: boom (on fake-1); retrying from epoch 1 (0 retries left)")
            .And.Contain("failed  trial-0000#2: boom again (on fake-1); no retries left, the trial failed");
    }

    [Fact]
    public void Coordinator_must_requeue_the_trials_of_a_lost_worker_on_another_worker()
    {
        var (coordinator, agent, events) = Start(retries: 1);
        var first = agent.ExpectMsg<StartTrial>(Wait);
        Sys.Stop(agent.Ref);
        var lost = events.FishForMessage<WorkerLost>(_ => true, Wait);
        var other = CreateTestProbe();
        other.Send(coordinator, new RegisterWorker("fake-2", 1, other.Ref));
        var second = other.FishForMessage<StartTrial>(_ => true, Wait);
        other.Send(coordinator, Report(second.Fence, 0, [1]));
        other.Send(coordinator, Report(second.Fence, 1, [2]));

        AwaitSweep(coordinator).Completed.Should().Be(1);
        lost.WorkerId.Should().Be("fake-1");
        lost.Evicted.Should().Equal("trial-0000");
        second.Fence.Should().Be(new FencingToken(first.Fence.TrialId, 2));
        LogText.Should().Contain("worker  fake-1 lost").And.Contain("placed  trial-0000#2 on fake-2");
    }
}
