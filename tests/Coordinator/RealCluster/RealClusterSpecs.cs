using Troupe.Node;
using Troupe.Coordinator.Commands;
using Troupe.Coordinator.Sweep;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Tuning;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;
using Troupe.Worker.Trials;

namespace Troupe.Coordinator.Tests.RealCluster;

/// <summary>
/// System tests of the real-cluster mode: troupe-coordinator and troupe-worker processes on 127.0.0.1, tiny trials,
/// kill -9 of a worker and of the coordinator. They run in CI (not Slow); about a minute each on 2 cores.
/// </summary>
[Trait("Category", "System")]
public sealed class RealClusterSpecs(ITestOutputHelper output) : RealClusterBase(output)
{
    private void Note(string what) => Output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} test: {what}");

    [Fact]
    public async Task Coordinator_and_two_worker_processes_must_run_an_8_trial_sweep_to_completion_with_its_run_dir_files()
    {
        var spec = WriteSpec(epochs: 2, deterministic: false);
        var coordinator = StartCoordinator("run", spec, "--run-dir", RunDir);
        var (w1, w2) = (TroupeProcess.FreePort(), TroupeProcess.FreePort());
        StartWorker("worker-1", w1);
        StartWorker("worker-2", w2);
        await ExpectSweepFinished(coordinator);

        var snapshot = Snapshot();
        snapshot.Trials.Should().HaveCount(8).And.OnlyContain(t => t.Status == TrialStatus.Completed, AllOutput());
        snapshot.Metrics.Select(m => (m.TrialId, m.Metrics.Epoch)).Distinct().Should().HaveCount(16);
        snapshot.Trials.Select(t => t.Worker).Should().Contain([$"127.0.0.1:{w1}", $"127.0.0.1:{w2}"], "both worker processes trained trials");
        foreach (var file in new[] { "journal.db", "metrics.jsonl", "trials.csv", "summary.md", "curves.svg" })
            File.Exists(Path.Combine(RunDir, file)).Should().BeTrue($"{file} is in the run dir");
        File.ReadAllLines(Path.Combine(RunDir, "trials.csv")).Should().HaveCount(9);
        File.ReadAllLines(Path.Combine(RunDir, "metrics.jsonl")).Length.Should().BeGreaterThanOrEqualTo(16);
        Directory.GetDirectories(Path.Combine(RunDir, "checkpoints")).Should().HaveCount(8);
        var log = string.Join("\n", coordinator.Lines);
        log.Should().Contain($"member  up {NodeConfig.Protocol}://troupe@127.0.0.1:{w1} (worker)").And.Contain($"member  up {NodeConfig.Protocol}://troupe@127.0.0.1:{CoordinatorPort} (coordinator)")
            .And.Contain($"worker  127.0.0.1:{w2} joined with 1 slot").And.Contain("sweep system-test finished: 8 completed");
    }

    [Fact]
    public async Task Kill_9_of_a_worker_must_move_its_trial_which_restarts_from_its_checkpoint_with_the_uninterrupted_metrics_and_ignores_a_stale_report()
    {
        // Six short epochs: the kill must land while the trial still trains, even when this test reads the
        // coordinator's epoch-0 row late on a loaded machine.
        const int epochs = 6;
        var spec = WriteSpec(epochs, deterministic: true);
        var coordinator = StartCoordinator("run", spec, "--run-dir", RunDir);
        var (w1, w2) = (TroupeProcess.FreePort(), TroupeProcess.FreePort());
        var victim = StartWorker("worker-1", w1);
        StartWorker("worker-2", w2);
        var trial = await FirstTrialPlacedOn(coordinator, w1);
        await EpochRow(coordinator, trial, 0);
        Note($"{trial} finished epoch 0 on worker-1: kill -9");
        await victim.KillAsync();
        Note("worker-1 killed");
        await coordinator.WaitForLineAsync(l => l.Contains($"failed  {trial}#1:") && l.Contains("retrying from epoch"), $"{trial}#1 failed and retried", Bound);
        StartWorker("worker-3", TroupeProcess.FreePort());

        // A report of the given-up attempt arriving over the wire after the failover.
        var stale = new FencingToken(trial, 1);
        using var sender = new RemoteSender();
        sender.Send($"{NodeConfig.Protocol}://troupe@127.0.0.1:{CoordinatorPort}{WorkerNode.CoordinatorPath}/coordinator",
            new EpochCompleted(stale, new EpochMetrics(0, 9.0, 9.0, new Dictionary<string, double>(), 1, 1, 1), sender.Offer([1, 2, 3])));
        await coordinator.WaitForLineAsync(l => l.Contains($"ignored epoch 0 report from {trial}#1: report from {trial}#1 ignored:"), "the stale report ignored", Bound);
        await ExpectSweepFinished(coordinator);

        var snapshot = Snapshot();
        snapshot.Trials.Should().HaveCount(8).And.OnlyContain(t => t.Status == TrialStatus.Completed, AllOutput());
        snapshot.Trial(trial)!.Attempts.Should().BeGreaterThanOrEqualTo(2);
        var moved = snapshot.Metrics.Where(m => m.TrialId == trial).ToList();
        moved.Should().Contain(m => m.Attempt == 1 && m.Metrics.Epoch == 0).And.NotContain(m => m.Attempt > 1 && m.Metrics.Epoch == 0,
            "the moved trial restarts from its epoch-1 checkpoint, not from scratch");
        var curve = moved.GroupBy(m => m.Metrics.Epoch).OrderBy(g => g.Key).Select(g => g.Last().Metrics).ToList();
        var reference = Uninterrupted(spec, trial);
        curve.Should().HaveCount(epochs);
        for (var e = 0; e < epochs; e++)
            curve[e].SameResultsAs(reference[e]).Should().BeTrue("epoch {0}: {1} vs uninterrupted {2}", e, curve[e], reference[e]);
    }

    [Fact]
    public async Task Kill_9_of_the_coordinator_then_resume_must_complete_the_sweep_without_running_a_finished_trial_again()
    {
        var spec = WriteSpec(epochs: 2, deterministic: false);
        var first = StartCoordinator("run", spec, "--run-dir", RunDir);
        var w1 = StartWorker("worker-1", TroupeProcess.FreePort());
        var w2 = StartWorker("worker-2", TroupeProcess.FreePort());
        await first.WaitForLineAsync(l => l.Contains("done    trial-"), "a finished trial", Bound);
        Note("a trial finished: kill -9 of the coordinator");
        await first.KillAsync();
        var before = Snapshot();
        var finished = before.Trials.Where(t => t.Status == TrialStatus.Completed).ToDictionary(t => t.TrialId, t => t.Attempts);
        finished.Should().NotBeEmpty();
        before.Finished.Should().BeFalse();
        foreach (var w in new[] { w1, w2 })
            await w.WaitForLineAsync(l => l.Contains("joining again"), "it lost the coordinator", Bound);

        var second = StartCoordinator("resume", RunDir);
        await ExpectSweepFinished(second);

        var after = Snapshot();
        after.Trials.Should().HaveCount(8).And.OnlyContain(t => t.Status == TrialStatus.Completed, AllOutput());
        foreach (var (id, attempts) in finished)
            after.Trial(id)!.Attempts.Should().Be(attempts, $"{id} had finished before the crash and never runs again");
        after.Metrics.Where(m => finished.ContainsKey(m.TrialId)).Should().HaveCount(before.Metrics.Count(m => finished.ContainsKey(m.TrialId)));
        string.Join("\n", second.Lines).Should().Contain("resumed with");
    }

    [Fact]
    public async Task Coordinator_node_ended_by_a_failed_outbound_TLS_handshake_must_resume_as_a_new_incarnation_and_finish_the_sweep()
    {
        var spec = WriteSpec(epochs: 2, deterministic: false);
        var coordinator = StartCoordinator("run", spec, "--run-dir", RunDir);
        StartWorker("worker-1", TroupeProcess.FreePort());
        StartWorker("worker-2", TroupeProcess.FreePort());
        await coordinator.WaitForLineAsync(l => l.Contains("done    trial-"), "a finished trial", Bound);
        var finished = Snapshot().Trials.Where(t => t.Status == TrialStatus.Completed).ToDictionary(t => t.TrialId, t => t.Attempts);

        // Akka.Remote 1.5.75 ends a node whose outbound TLS handshake fails (as when a peer dies mid-handshake): make the
        // coordinator answer an Identify to a port that accepts TCP and closes at once.
        using var dead = new ClosingListener();
        using var sender = new RemoteSender();
        Note($"Identify from a sender at :{dead.Port}, which drops every connection");
        sender.Send($"{NodeConfig.Protocol}://troupe@127.0.0.1:{CoordinatorPort}{WorkerNode.CoordinatorPath}", new Akka.Actor.Identify(1),
            $"{NodeConfig.Protocol}://troupe@127.0.0.1:{dead.Port}/user/nobody");
        await coordinator.WaitForLineAsync(l => l.Contains($"member  ended {NodeConfig.Protocol}://troupe@127.0.0.1:{CoordinatorPort} (coordinator)")
            && l.Contains("a new incarnation resumes the sweep from the journal"), "the coordinator's node ended and came back", Bound);
        await ExpectSweepFinished(coordinator);

        var after = Snapshot();
        after.Trials.Should().HaveCount(8).And.OnlyContain(t => t.Status == TrialStatus.Completed, AllOutput());
        foreach (var (id, attempts) in finished)
            after.Trial(id)!.Attempts.Should().Be(attempts, $"{id} had finished before the node ended and never runs again");
        string.Join("\n", coordinator.Lines).Should().Contain("resumed with").And.Contain("sweep system-test finished: 8 completed");
    }

    [Fact]
    public async Task SIGTERM_must_stop_a_listening_coordinator_mid_sweep_as_interrupted_not_bring_it_back()
    {
        var spec = WriteSpec(epochs: 4, deterministic: false);
        var coordinator = StartCoordinator("run", spec, "--run-dir", RunDir);
        StartWorker("worker-1", TroupeProcess.FreePort());
        StartWorker("worker-2", TroupeProcess.FreePort());
        await coordinator.WaitForLineAsync(l => l.Contains("placed  trial-"), "a placement", Bound);

        coordinator.Terminate();

        var code = await coordinator.WaitForExitAsync(Bound);
        code.Should().Be(130, "a stopped sweep is interrupted, to be resumed:\n{0}", AllOutput());
        string.Join("\n", coordinator.Lines).Should().NotContain("a new incarnation resumes the sweep");
        Snapshot().Finished.Should().BeFalse();
    }

    /// <summary>The trial's epochs trained straight through in this process (deterministic mode: bit for bit what a worker gets).</summary>
    private static List<EpochMetrics> Uninterrupted(string specPath, string trialId)
    {
        var spec = new ExperimentSpecReader(SweepValidation.ModelNames).Load(specPath);
        var config = spec.Trials().Single(t => t.TrialId == trialId);
        using var session = TrialSessions.Open(TrialAssignments.For(spec, config, Path.GetDirectoryName(specPath)), null, new DatasetCache());
        var epochs = new List<EpochMetrics>();
        while (true)
        {
            var step = session.Step();
            if (step.Kind == StepKind.EpochEnd) epochs.Add(EpochMetrics.From(step.Record!));
            else if (step.Kind is not (StepKind.TrainBatch or StepKind.ValidBatch)) return epochs;
        }
    }
}
