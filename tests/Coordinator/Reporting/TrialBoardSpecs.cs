using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Reporting.Live;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Reporting;

/// <summary>The live table's model: rows per trial from the coordinator's events, without a terminal.</summary>
public sealed class TrialBoardSpecs
{
    private static readonly FencingToken A1 = new("trial-0000", 1);
    private static readonly FencingToken B1 = new("trial-0001", 1);
    private static readonly FencingToken B2 = new("trial-0001", 2);

    private static TrialBoard Board(int epochs = 2) => new(SweepLogSpecs.Trials, epochs);

    // A worker lost mid-sweep, as the coordinator tells it: lost, then the attempt fails, then the move.
    private static IReadOnlyList<SweepEvent> Failover() =>
    [
        new SweepStarted("failover", 2, 0, false, "/runs/f", "scheduler fifo by valid_loss (min)"),
        new WorkerJoined("local-1", 1),
        new WorkerJoined("local-2", 1),
        new TrialPlaced(A1, "local-1", 0, "lr=0.01235, n_hidden=64"),
        new TrialPlaced(B1, "local-2", 0, "lr=0.03, n_hidden=32"),
        new EpochReported(A1, SweepLogSpecs.Epoch(0, 2.25, 2.0, 0.25), true),
        new EpochReported(B1, SweepLogSpecs.Epoch(0, 2.5, 2.125, 0.125), true),
        new WorkerLost("local-2", ["trial-0001"]),
    ];

    [Fact]
    public void TrialBoard_must_show_each_trial_as_its_events_tell_it()
    {
        var board = Board();
        foreach (var e in Failover()) board.Apply(e).Should().BeTrue(e.ToString());

        board.Name.Should().Be("failover");
        board.Workers.Keys.Should().Equal("local-1");
        board["trial-0000"].Should().Match<TrialRow>(r => r.Status == TrialRowStatus.Running && r.Attempt == 1 && r.EpochsDone == 1
            && r.TrainLoss == 2.25 && r.ValidLoss == 2.0 && r.Accuracy == 0.25 && r.Worker == "local-1" && r.Params == "lr=0.01235, n_hidden=64");
        board["trial-0001"].Should().Match<TrialRow>(r => r.Status == TrialRowStatus.Lost && r.Detail == "local-2 lost" && r.Worker == "local-2");

        board.Apply(new TrialAttemptFailed(B1, "worker local-2 lost", true, 2, 1));
        board["trial-0001"].Should().Match<TrialRow>(r => r.Status == TrialRowStatus.Retrying && r.Detail == "worker local-2 lost; restarts from epoch 1");

        board.Apply(new TrialPlaced(B2, "local-1", 1, "lr=0.03, n_hidden=32"));
        board["trial-0001"].Should().Match<TrialRow>(r => r.Status == TrialRowStatus.Running && r.Attempt == 2 && r.Worker == "local-1"
            && r.EpochsDone == 1 && r.Detail == "from epoch 1 checkpoint");
        board.Running.Should().Be(2);
        board.RemainingEpochs.Should().Be(2);

        board.Apply(new TrialResumed(B2, "local-1", 1)).Should().BeTrue();
        board["trial-0001"].Detail.Should().Be("training from the epoch 1 checkpoint");
    }

    [Fact]
    public void TrialBoard_must_follow_batch_progress_of_the_live_attempt_only()
    {
        var board = Board();
        foreach (var e in Failover()) board.Apply(e);
        board.Apply(new TrialPlaced(B2, "local-1", 1, "lr=0.03, n_hidden=32"));

        board.Apply(new TrialBatchProgress(new TrialProgress(B2, 1, 5, 20, true, 2.0))).Should().BeTrue();
        board.Apply(new TrialBatchProgress(new TrialProgress(B1, 1, 15, 20, false, 2.0))).Should().BeFalse("attempt #1 is not the live one");
        board["trial-0001"].Batch.Should().Be(0.25);
        board["trial-0001"].Validating.Should().BeFalse();

        board.Apply(new TrialBatchProgress(new TrialProgress(B2, 1, 3, 4, false, null)));
        board["trial-0001"].Should().Match<TrialRow>(r => r.Batch == 0.75 && r.Validating);
        board.Apply(new EpochReported(B2, SweepLogSpecs.Epoch(1, 1.5, 1.25, 0.5), false));
        board["trial-0001"].Should().Match<TrialRow>(r => r.Batch == null && r.EpochsDone == 2 && r.ValidLoss == 1.25);
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public void TrialBoard_must_end_a_trial_with_its_status_and_why(SweepEvent ending, string status, string? detail, int done)
    {
        var board = Board();
        foreach (var e in Failover()) board.Apply(e);

        board.Apply(ending).Should().BeTrue();

        var shown = Enum.Parse<TrialRowStatus>(status);
        board["trial-0000"].Should().Match<TrialRow>(r => r.Status == shown && r.Detail == detail && r.Batch == null);
        board.Done.Should().Be(done);
    }

    public static TheoryData<SweepEvent, string, string?, int> Endings() => new()
    {
        { new TrialCompleted(A1, 2, 1.5), nameof(TrialRowStatus.Completed), null, 1 },
        { new TrialStoppedEarly(A1, 1, 2.0, "asha"), nameof(TrialRowStatus.Stopped), "by asha after 1 epochs", 1 },
        { new TrialPaused(A1, 1), nameof(TrialRowStatus.Paused), "after 1 epochs", 0 },
        { new TrialAttemptFailed(A1, "boom", false, 0, 1), nameof(TrialRowStatus.Failed), "boom", 1 },
        { new PlacementBlocked("trial-0000", 4, 2), nameof(TrialRowStatus.Blocked), "needs 4 slots on one worker, the cluster has 2", 0 },
        { new PlacementBlocked("trial-0000", 1, 8, DeviceKind.Cuda), nameof(TrialRowStatus.Blocked), "asks for cuda slots, none of the cluster's 8 is one", 0 },
        { new GroupBlocked("trial-0000", 2, 1, 1), nameof(TrialRowStatus.Blocked), "needs 2 replicas of 1 slot on distinct slots, the cluster has 1", 0 },
    };

    [Fact]
    public void TrialBoard_must_ignore_what_changes_no_row_and_refuse_trials_of_another_sweep()
    {
        var board = Board();
        foreach (var e in Failover()) board.Apply(e);
        var before = board.Rows;

        board.Apply(new StaleReportIgnored(B1, "epoch 1 report", "stale")).Should().BeFalse();
        board.Apply(new SweepProgress(0, 2, 0, 2)).Should().BeFalse();
        board.Rows.Should().Equal(before);

        var act = () => board.Apply(new TrialPlaced(new FencingToken("trial-0099", 1), "local-1", 0, ""));
        act.Should().Throw<ArgumentException>().WithMessage("*expected a trial of this sweep, got 'trial-0099'*");
    }

    [Fact]
    public void TrialBoard_must_start_a_resumed_sweep_from_the_journal()
    {
        var board = Board(epochs: 3);

        board.Restore("trial-0000", TrialStatus.Completed, "w-1", 1, SweepLogSpecs.Epoch(2, 1.0, 1.5, 0.5));
        board.Restore("trial-0001", TrialStatus.Running, "w-2", 2, SweepLogSpecs.Epoch(0, 2.0, 2.5, 0.1));

        board["trial-0000"].Should().Match<TrialRow>(r => r.Status == TrialRowStatus.Completed && r.EpochsDone == 3 && r.ValidLoss == 1.5 && r.Attempt == 1);
        board["trial-0001"].Should().Match<TrialRow>(r => r.Status == TrialRowStatus.Pending && r.EpochsDone == 1 && r.Worker == "w-2" && r.Attempt == 2,
            "a trial the last coordinator left running waits for its restart");
        board.Done.Should().Be(1);
        board.RemainingEpochs.Should().Be(2);
    }

    [Fact]
    public void TrialBoard_must_show_active_and_recently_changed_trials_when_not_all_fit()
    {
        var trials = Enumerable.Range(0, 10).Select(i => new TrialConfig(TrialConfig.IdFor(i), i, new ParamSet([new("x", (long)i)]), (ulong)i)).ToList();
        var board = new TrialBoard(trials, 1);
        board.Apply(new TrialPlaced(new FencingToken("trial-0007", 1), "w", 0, ""));
        board.Apply(new TrialPlaced(new FencingToken("trial-0002", 1), "w", 0, ""));
        board.Apply(new TrialPlaced(new FencingToken("trial-0005", 1), "w", 0, ""));
        board.Apply(new TrialCompleted(new FencingToken("trial-0005", 1), 1, 1.0));
        board.Apply(new TrialPlaced(new FencingToken("trial-0009", 1), "w", 0, ""));
        board.Apply(new TrialCompleted(new FencingToken("trial-0009", 1), 1, 1.0));

        board.Visible(4).Select(r => r.TrialId).Should().Equal("trial-0002", "trial-0005", "trial-0007", "trial-0009");
        board.Visible(3).Select(r => r.TrialId).Should().Equal("trial-0002", "trial-0007", "trial-0009");
        board.Visible(10).Should().HaveCount(10);
    }
}
