using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Tests.Sweep;

/// <summary>Sweeps of the built-in noop trials: a coordinator stopped mid-sweep and resumed; ASHA against FIFO.</summary>
public sealed class ResumeAndSchedulingSpecs(ITestOutputHelper output) : SweepSpecsBase(output)
{
    private static string Noop(string name, string scheduler, int samples, double seconds, int epochs) => $$"""
        name: {{name}}
        data: { kind: human-numbers }
        model: noop
        train: { epochs: {{epochs}}, batch_size: 64, seq_len: 16 }
        params:
          x: uniform(0, 4)
          seconds: {{seconds}}
        search: { kind: random, samples: {{samples}}, seed: 7 }
        scheduler: {{scheduler}}
        """;

    [Fact]
    public void Coordinator_must_resume_from_its_journal_without_running_a_finished_trial_again()
    {
        var spec = Spec(Noop("resumed", "{ kind: fifo }", samples: 5, seconds: 0.15, epochs: 3));
        var runDir = Folder.Sub("run");
        var events = CreateTestProbe();
        var first = StartCoordinator(spec, runDir, events.Ref, name: "first");
        var worker = StartWorker(first, "w-first");
        // One watcher each: the two stops race, so their Terminated messages may come in either order.
        var firstGone = CreateTestProbe();
        var workerGone = CreateTestProbe();
        firstGone.Watch(first);
        workerGone.Watch(worker);
        var completed = 0;
        events.FishForMessage<SweepEvent>(e => e is TrialCompleted && ++completed == 2, SweepTimeout);
        events.FishForMessage<EpochReported>(e => e.Fence.TrialId == "trial-0002", SweepTimeout);
        Sys.Stop(first);
        Sys.Stop(worker);
        firstGone.ExpectTerminated(first, SweepTimeout);
        workerGone.ExpectTerminated(worker, SweepTimeout);
        var before = Snapshot(runDir);

        var again = CreateTestProbe();
        var second = StartCoordinator(spec, runDir, again.Ref, name: "second");
        StartWorker(second, "w-second");
        var history = EventsUntilFinished(again);

        var finishedBefore = before.Trials.Where(t => t.Status is TrialStatus.Completed).Select(t => t.TrialId).ToList();
        finishedBefore.Should().HaveCountGreaterThanOrEqualTo(2);
        var placed = history.OfType<TrialPlaced>().ToList();
        placed.Select(p => p.Fence.TrialId).Should().NotIntersectWith(finishedBefore, "finished trials never run again");
        foreach (var p in placed)
        {
            var was = before.Trial(p.Fence.TrialId)!;
            p.StartEpoch.Should().Be(was.LatestCheckpointEpoch ?? 0, "{0} restarts from its last checkpoint", p.Fence.TrialId);
            p.Fence.Attempt.Should().Be(was.Attempts + 1);
        }
        placed.Should().Contain(p => p.StartEpoch > 0, "the interrupted trial continues where it was");
        var summary = history.OfType<SweepFinished>().Single().Summary;
        summary.Completed.Should().Be(5);
        var after = Snapshot(runDir);
        after.Replay.Where(r => r.Kind == "final_result").Select(r => r.TrialId).Should().OnlyHaveUniqueItems().And.HaveCount(5);
        after.Metrics.GroupBy(m => m.TrialId).Should().OnlyContain(g => g.Select(m => m.Metrics.Epoch).Distinct().Count() == 3);
        File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl")).Should().HaveCount(after.Metrics.Count);
    }

    [Fact]
    public void Coordinator_must_stop_at_least_half_of_an_asha_sweep_early_and_find_fifos_best_trial()
    {
        var asha = StartCoordinator(Spec(Noop("asha", "{ kind: asha, grace: 1, reduction: 2 }", samples: 16, seconds: 0.01, epochs: 4)), Folder.Sub("asha"), name: "asha");
        StartWorker(asha, "asha-w");
        var ashaSummary = AwaitSweep(asha);
        var fifo = StartCoordinator(Spec(Noop("fifo", "{ kind: fifo }", samples: 16, seconds: 0.01, epochs: 4)), Folder.Sub("fifo"), name: "fifo");
        StartWorker(fifo, "fifo-w");
        var fifoSummary = AwaitSweep(fifo);

        ashaSummary.Stopped.Should().BeGreaterThanOrEqualTo(8);
        ashaSummary.Completed.Should().Be(16 - ashaSummary.Stopped);
        fifoSummary.Stopped.Should().Be(0);
        ashaSummary.BestTrial.Should().Be(fifoSummary.BestTrial);
        ashaSummary.BestMetric.Should().Be(fifoSummary.BestMetric);
        var epochs = Snapshot(Folder.Sub("asha")).Metrics.Count;
        epochs.Should().BeLessThan(Snapshot(Folder.Sub("fifo")).Metrics.Count, "stopped trials train fewer epochs");
        LogText.Should().Contain("stopped trial-");
    }
}
