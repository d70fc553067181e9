using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Sweep;

/// <summary>Whole sweeps on in-process workers, as <c>troupe-coordinator run --local-workers N</c> runs them.</summary>
public sealed class LocalSweepSpecs(ITestOutputHelper output) : SweepSpecsBase(output)
{
    // LMModel7 with one small layer: about a second per Human Numbers epoch on one core.
    private const string SmallLstm = """
        data: { kind: human-numbers }
        model: lmmodel7
        train: { epochs: 2, batch_size: 64, seq_len: 16 }
        params:
          lr: grid(0.003, 0.01, 0.03, 0.05)
          n_hidden: 16
          n_layers: 1
          p: 0.3
        """;

    [Fact]
    public void Coordinator_must_run_a_small_sweep_to_completion_and_leave_its_results_in_the_run_dir()
    {
        var runDir = Folder.Sub("sweep");
        var coordinator = StartCoordinator(Spec("name: small-sweep\n" + SmallLstm), runDir);
        StartWorker(coordinator, "local-1");
        StartWorker(coordinator, "local-2");

        var summary = AwaitSweep(coordinator);

        summary.Completed.Should().Be(4);
        summary.BestTrial.Should().NotBeNull();
        var snapshot = Snapshot(runDir);
        snapshot.Finished.Should().BeTrue();
        snapshot.Trials.Should().OnlyContain(t => t.Status == TrialStatus.Completed && t.Attempts == 1);
        snapshot.Trials.Select(t => t.Worker).Distinct().Should().BeEquivalentTo("local-1", "local-2");
        snapshot.Metrics.Should().HaveCount(8);
        File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl")).Should().HaveCount(8).And.OnlyContain(l => l.Contains("\"valid_loss\":"));
        var csv = File.ReadAllLines(Path.Combine(runDir, "trials.csv"));
        csv[0].Should().Be("trial_id,status,attempts,worker,epochs,lr,n_hidden,n_layers,p,train_loss,valid_loss,accuracy,perplexity,best_valid_loss,best_epoch");
        csv.Skip(1).Should().HaveCount(4).And.OnlyContain(l => l.Contains(",completed,1,local-"));
        File.ReadAllText(Path.Combine(runDir, "summary.md")).Should().Contain("# small-sweep").And.Contain($"`{summary.BestTrial}`").And.Contain("| 4 | trial-");
        File.ReadAllText(Path.Combine(runDir, "curves.svg")).Should().StartWith("<svg").And.Contain($"best: {summary.BestTrial}");
        Directory.GetDirectories(Path.Combine(runDir, "checkpoints")).Should().HaveCount(4);
        LogText.Should().Contain("trial         epoch     train_loss  valid_loss  accuracy  perplexity  tok/s     time")
            .And.Contain("worker  local-2 joined with 1 slot").And.Contain("done    trial-0003#1 after 2 epochs");
    }

    [Fact]
    public void Coordinator_must_restart_a_killed_model_actor_from_its_checkpoint_and_end_with_the_uninterrupted_metrics()
    {
        var spec = Spec("name: killed\ndeterministic: true\nretries: 1\n" + SmallLstm.Replace("grid(0.003, 0.01, 0.03, 0.05)", "0.01").Replace("epochs: 2", "epochs: 3"));
        var straight = StartCoordinator(spec, Folder.Sub("straight"), name: "straight");
        StartWorker(straight, "straight-w");
        AwaitSweep(straight);
        var reference = Snapshot(Folder.Sub("straight")).Metrics.Select(m => m.Metrics).ToList();

        var events = CreateTestProbe();
        var coordinator = StartCoordinator(spec, Folder.Sub("killed"), events.Ref, name: "killed");
        StartWorker(coordinator, "killed-w");
        events.FishForMessage<EpochReported>(e => e.Metrics.Epoch == 0, SweepTimeout);
        Sys.ActorSelection("/user/killed-w/trial-0000.1").Tell(Kill.Instance);
        var history = EventsUntilFinished(events);

        var failed = history.OfType<TrialAttemptFailed>().Should().ContainSingle().Subject;
        failed.Fence.Attempt.Should().Be(1);
        failed.Retrying.Should().BeTrue();
        var retry = history.OfType<TrialPlaced>().Should().ContainSingle().Subject;
        retry.Fence.Attempt.Should().Be(2);
        retry.StartEpoch.Should().BeGreaterThanOrEqualTo(1, "it restarts from its last checkpoint, not from scratch");
        var resumed = history.OfType<TrialResumed>().Should().ContainSingle("the retry trains again, from its checkpoint").Subject;
        resumed.Should().Be(new TrialResumed(retry.Fence, "killed-w", retry.StartEpoch));
        history.IndexOf(resumed).Should().BeGreaterThan(history.IndexOf(retry));
        var metrics = Snapshot(Folder.Sub("killed")).Metrics;
        metrics.Should().Contain(m => m.Attempt == 2);
        var curve = metrics.GroupBy(m => m.Metrics.Epoch).OrderBy(g => g.Key).Select(g => g.Last().Metrics).ToList();
        curve.Should().HaveCount(3);
        for (var e = 0; e < 3; e++)
            curve[e].SameResultsAs(reference[e]).Should().BeTrue("epoch {0}: {1} vs uninterrupted {2}", e, curve[e], reference[e]);
    }
}
