using Troupe.Coordinator.Commands;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Scheduling;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Experiments;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Journal;

public sealed class RunJournalSpecs : IDisposable
{
    private const string Yaml = """
        name: journal-spec
        data: { kind: human-numbers }
        model: noop
        train: { epochs: 3, batch_size: 64, seq_len: 16 }
        params:
          x: grid(0.5, 1.5)
        scheduler: { kind: asha, grace: 1, reduction: 2 }
        retries: 1
        """;

    private readonly TempFolder folder = new();

    private string Received(byte[] bytes) => folder.Received(bytes);
    private readonly ExperimentSpec spec = new ExperimentSpecReader(SweepValidation.ModelNames).Parse(Yaml, "journal.yaml");

    private static EpochMetrics Epoch(int epoch, double loss) =>
        new(epoch, loss, loss, new Dictionary<string, double> { ["accuracy"] = 1 - loss / 4 }, 0.5, 1024, 2048);

    // The scheduler events an accepted epoch journals, as the coordinator makes them: its result, and a removal when stopped.
    private static SchedulerEvent[] Events(FencingToken fence, EpochMetrics m, bool final, bool stopped = false) =>
        stopped
            ? [new SchedulerEvent.Result(fence.TrialId, m.Epoch + 1, m.AllValues(), final), new SchedulerEvent.Removed(fence.TrialId)]
            : [new SchedulerEvent.Result(fence.TrialId, m.Epoch + 1, m.AllValues(), final)];

    [Fact]
    public void RunJournal_must_round_trip_trials_attempts_metrics_and_the_checkpoint_index()
    {
        var trials = spec.Trials();
        var a1 = new FencingToken("trial-0000", 1);
        using (var journal = RunJournal.Open(folder.Path))
        {
            journal.BeginExperiment(spec, "/specs", trials, []);
            journal.StartAttempt(a1, "w1", 0);
            journal.RecordEpoch(a1, Epoch(0, 2.0), Received([1, 2, 3]), 2.0, isBest: true, TrialDecision.Continue, final: false, TrialStatus.Running, Events(a1, Epoch(0, 2.0), false));
            journal.RecordEpoch(a1, Epoch(1, 2.5), Received([4, 5, 6]), 2.5, isBest: false, TrialDecision.Continue, final: false, TrialStatus.Running, Events(a1, Epoch(1, 2.5), false));
            journal.RecordEpoch(a1, Epoch(2, 1.0), Received([7, 8, 9]), 1.0, isBest: true, TrialDecision.Continue, final: true, TrialStatus.Completed, Events(a1, Epoch(2, 1.0), true));
            journal.Note("stale", new FencingToken("trial-0001", 1), "ignored");
        }

        using var reopened = RunJournal.Open(folder.Path);
        var snapshot = reopened.Snapshot()!;

        snapshot.Name.Should().Be("journal-spec");
        snapshot.SpecText.Should().Be(Yaml);
        snapshot.SpecBaseDirectory.Should().Be("/specs");
        snapshot.State.Should().Be("running");
        snapshot.Trials.Select(t => (t.TrialId, t.Status)).Should().Equal(("trial-0000", TrialStatus.Completed), ("trial-0001", TrialStatus.Pending));
        var done = snapshot.Trial("trial-0000")!;
        done.Should().Match<JournalTrial>(t => t.Attempts == 1 && t.Failures == 0 && t.LiveAttempt == null && t.Worker == "w1"
            && t.LatestCheckpointEpoch == 3 && t.BestMetric == 1.0 && t.BestEpoch == 3);
        done.Params.Equals(trials[0].Params).Should().BeTrue();
        snapshot.Metrics.Select(m => (m.TrialId, m.Attempt, m.Metrics.Epoch)).Should().Equal(("trial-0000", 1, 0), ("trial-0000", 1, 1), ("trial-0000", 1, 2));
        snapshot.Metrics[1].Metrics.SameResultsAs(Epoch(1, 2.5)).Should().BeTrue();
        snapshot.Replay.Select(r => (r.Kind, r.Time)).Should().Equal(("result", (int?)1), ("result", 2), ("final_result", 3));
        snapshot.Replay[0].Should().BeOfType<SchedulerEvent.Result>().Which.Values.Should().Contain("valid_loss", 2.0);
        reopened.LatestCheckpoint("trial-0000").Should().Be(CheckpointFiles.RelativePath("trial-0000", 3));
        CheckpointFiles.Read(folder.Path, CheckpointFiles.RelativePath("trial-0000", 3)).Should().Equal(7, 8, 9);
        Directory.GetFiles(folder.Sub("checkpoints/trial-0000")).Should().ContainSingle("latest and best are the same file; older ones are pruned");
    }

    [Fact]
    public void RunJournal_must_requeue_interrupted_attempts_and_replay_failures_and_stops_in_order()
    {
        var trials = spec.Trials();
        var a = new FencingToken("trial-0000", 1);
        var b = new FencingToken("trial-0001", 1);
        var b2 = new FencingToken("trial-0001", 2);
        using (var journal = RunJournal.Open(folder.Path))
        {
            journal.BeginExperiment(spec, null, trials, []);
            journal.StartAttempt(a, "w1", 0);
            journal.StartAttempt(b, "w2", 0);
            journal.RecordEpoch(a, Epoch(0, 3.0), Received([1]), 3.0, true, TrialDecision.Stop, final: false, TrialStatus.Stopped, Events(a, Epoch(0, 3.0), false, stopped: true));
            journal.EndAttempt(b, "failed", "boom", TrialStatus.Pending, [new SchedulerEvent.Errored(b.TrialId)]);
            journal.StartAttempt(b2, "w1", 0);
            journal.RecordEpoch(b2, Epoch(0, 1.0), Received([2]), 1.0, true, TrialDecision.Continue, final: false, TrialStatus.Running, Events(b2, Epoch(0, 1.0), false));
        }
        using (var journal = RunJournal.Open(folder.Path))
        {
            var interrupted = journal.Snapshot()!.Trials.Where(t => t.LiveAttempt is not null).Select(t => new FencingToken(t.TrialId, t.LiveAttempt!.Value)).ToList();
            interrupted.Should().Equal(b2);
            journal.BeginExperiment(spec, null, trials, interrupted);
        }

        using var reopened = RunJournal.Open(folder.Path);
        var snapshot = reopened.Snapshot()!;

        snapshot.Trial("trial-0000")!.Status.Should().Be(TrialStatus.Stopped);
        snapshot.Trial("trial-0001")!.Should().Match<JournalTrial>(t => t.Status == TrialStatus.Pending && t.Attempts == 2 && t.Failures == 1
            && t.LiveAttempt == null && t.LatestCheckpointEpoch == 1);
        snapshot.Replay.Select(r => (r.Kind, r.TrialId)).Should().Equal(
            ("result", "trial-0000"), ("removed", "trial-0000"), ("error", "trial-0001"), ("result", "trial-0001"));
    }

    public void Dispose() => folder.Dispose();
}
