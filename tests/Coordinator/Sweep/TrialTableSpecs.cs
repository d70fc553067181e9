using Troupe.Coordinator.Commands;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Sweep;
using Troupe.Training.Experiments;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Sweep;

/// <summary>The coordinator's book of trials as plain state: attempts and fencing, retries, progress, best, resume.</summary>
public sealed class TrialTableSpecs
{
    private static ExperimentSpec Spec(string mode = "min", int retries = 1) => new ExperimentSpecReader(SweepValidation.ModelNames).Parse($$"""
        name: table-spec
        data: { kind: human-numbers }
        model: noop
        train: { epochs: 3, batch_size: 64, seq_len: 16, metric: valid_loss, mode: {{mode}} }
        params:
          x: grid(1, 2, 3)
        retries: {{retries}}
        """, "table.yaml");

    private static TrialTable Table(ExperimentSpec spec, JournalSnapshot? snapshot = null) => new(spec.Trials(), spec, snapshot);

    [Fact]
    public void TrialTable_must_fence_off_an_earlier_attempt_once_a_new_one_begins()
    {
        var table = Table(Spec());
        var first = table.Begin("trial-0000", ["w1"]);
        table.Fail(first).Should().Be(RetryDecision.Retry);
        var second = table.Begin("trial-0000", ["w2", "w3"]);

        table.Check(first).Accepted.Should().BeFalse();
        table.Check(second).Accepted.Should().BeTrue();
        table.LiveOn("w3").Should().Equal(second);
        table.LiveOn("w1").Should().BeEmpty();
        table["trial-0000"].Worker.Should().Be("w2", "rank 0's worker is the attempt's");
    }

    [Fact]
    public void TrialTable_must_refuse_to_begin_a_trial_that_is_not_waiting()
    {
        var table = Table(Spec());
        table.Begin("trial-0001", ["w1"]);
        var again = () => table.Begin("trial-0001", ["w2"]);
        again.Should().Throw<InvalidOperationException>().WithMessage("TrialTable: expected trial-0001 waiting, got it Running");
    }

    [Fact]
    public void TrialTable_must_retry_a_failed_attempt_while_the_budget_lasts_then_give_up()
    {
        var table = Table(Spec(retries: 1));
        table.Fail(table.Begin("trial-0000", ["w1"])).Should().Be(RetryDecision.Retry);
        table["trial-0000"].Status.Should().Be(TrialStatus.Pending);
        table.RetriesLeft("trial-0000").Should().Be(0);
        table.Fail(table.Begin("trial-0000", ["w1"])).Should().Be(RetryDecision.GiveUp);
        table["trial-0000"].Status.Should().Be(TrialStatus.Failed);
        table.AttemptCount("trial-0000").Should().Be(2);
    }

    [Theory]
    [InlineData("min", 1.0, 2.0, "trial-0000")]
    [InlineData("max", 1.0, 2.0, "trial-0001")]
    public void TrialTable_must_judge_better_and_best_by_the_specs_mode(string mode, double first, double second, string best)
    {
        var table = Table(Spec(mode));
        foreach (var (id, value) in new[] { ("trial-0000", first), ("trial-0001", second) })
        {
            var fence = table.Begin(id, ["w1"]);
            table.IsBetter(id, value).Should().BeTrue("a first value is always the best so far");
            table.RecordEpoch(fence, 0, value, isBest: true);
        }
        table.IsBetter("trial-0000", double.NaN).Should().BeFalse();
        table.IsBetter("trial-0000", null).Should().BeFalse();
        table.BestTrial()!.Id.Should().Be(best);
    }

    [Fact]
    public void TrialTable_must_count_progress_and_end_attempts_as_completed_stopped_or_paused()
    {
        var table = Table(Spec());
        var a = table.Begin("trial-0000", ["w1"]);
        table.RecordEpoch(a, 0, 2.0, true);
        table.RemainingEpochs.Should().Be(2 + 3 + 3);
        table.End(a, TrialStatus.Stopped);
        var b = table.Begin("trial-0001", ["w1"]);
        table.End(b, TrialStatus.Paused);

        table.Done.Should().Be(1);
        table.Candidates().Select(c => (c.TrialId, c.Status)).Should().Equal(("trial-0001", TrialStatus.Paused), ("trial-0002", TrialStatus.Pending));
        var fail = () => table.End(table.Begin("trial-0002", ["w1"]), TrialStatus.Failed);
        fail.Should().Throw<ArgumentOutOfRangeException>().WithMessage("TrialTable.End: expected completed, stopped or paused, got Failed*");
    }

    [Fact]
    public void TrialTable_restored_from_a_journal_must_keep_finished_trials_and_requeue_the_interrupted_attempt_from_its_checkpoint()
    {
        var spec = Spec(retries: 2);
        var trials = spec.Trials();
        JournalTrial Row(int i, TrialStatus status, int attempts, int? live, int? checkpoint) =>
            new(trials[i].TrialId, i, trials[i].Params, trials[i].Seed, status, "w1", attempts, Math.Max(0, attempts - 1), live, checkpoint, 1.5, checkpoint);
        var snapshot = new JournalSnapshot("table-spec", "table.yaml", spec.Text, null, "running",
            [Row(0, TrialStatus.Completed, 1, null, 3), Row(1, TrialStatus.Running, 2, 2, 1), Row(2, TrialStatus.Pending, 0, null, null)], [], [], []);

        var table = Table(spec, snapshot);

        table.Interrupted.Should().Equal(new FencingToken("trial-0001", 2));
        table["trial-0000"].Status.Should().Be(TrialStatus.Completed);
        table["trial-0001"].Should().Match<TrialEntry>(t => t.Status == TrialStatus.Pending && t.CheckpointEpoch == 1 && t.EpochsDone == 1);
        table.RetriesLeft("trial-0001").Should().Be(1, "one failure is journaled; an interruption is not one");
        table.Begin("trial-0001", ["w2"]).Should().Be(new FencingToken("trial-0001", 3));
    }

    [Fact]
    public void TrialTable_must_refuse_a_journal_from_another_spec()
    {
        var spec = Spec();
        var other = new JournalTrial("trial-0009", 9, spec.Trials()[0].Params, 1, TrialStatus.Pending, null, 0, 0, null, null, null, null);
        var snapshot = new JournalSnapshot("table-spec", "table.yaml", spec.Text, null, "running", [other], [], [], []);
        var restore = () => Table(spec, snapshot);
        restore.Should().Throw<InvalidDataException>().WithMessage("journal: expected trials of this spec, got 'trial-0009' that it does not generate");
    }
}
