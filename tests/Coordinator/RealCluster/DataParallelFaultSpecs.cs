using System.Diagnostics;
using System.Text.RegularExpressions;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Tests.RealCluster;

/// <summary>
/// kill -9 of a data-parallel replica's worker process: troupe-coordinator run --listen with three troupe-worker
/// processes, one LMModel6 trial of 2 replicas (one Gloo group on two of them; the third is a spare), epochs of a
/// few seconds. Rank 1's worker dies in epoch 1; rank 0's allreduce fails (a failed attempt, not a hang), the
/// coordinator tears the group down, waits until the dead worker is gone, and the trial resumes from its last
/// epoch checkpoint on a fresh group of the two live workers and completes; then the coordinator exits 0 and the
/// live workers exit 0 on SIGTERM. Every wait is bounded; the figures (kill to failure, kill to resumed training)
/// go to the test output.
/// </summary>
[Trait("Category", "System")]
public sealed partial class DataParallelFaultSpecs(ITestOutputHelper output) : RealClusterBase(output)
{
    private const string Trial = "trial-0000";

    protected override int MinWorkers => 3;

    private string WriteDataParallelSpec()
    {
        var path = Folder.Sub("dp-fault.yaml");
        File.WriteAllText(path, """
            name: dp-fault
            data: { kind: human-numbers }
            model: lmmodel6
            train: { epochs: 4, batch_size: 64, seq_len: 16, metric: valid_loss, mode: min }
            params: { lr: 0.003, n_hidden: 160 }
            resources: { replicas: 2, slots_per_replica: 1 }
            retries: 2
            """);
        return path;
    }

    [Fact]
    public async Task Kill_9_of_a_replicas_worker_must_fail_the_group_fast_and_resume_the_trial_from_its_checkpoint_on_a_fresh_group()
    {
        var coordinator = StartCoordinator("run", WriteDataParallelSpec(), "--run-dir", RunDir);
        var ports = new[] { TroupeProcess.FreePort(), TroupeProcess.FreePort(), TroupeProcess.FreePort() };
        var workers = ports.ToDictionary(p => $"127.0.0.1:{p}", p => StartWorker($"worker-{p}", p));

        var group = Group().Match(await coordinator.WaitForLineAsync(l => l.Contains($"group   {Trial}#1: 2 replicas"), "the first group", Bound));
        var (leader, victim) = (group.Groups[1].Value, group.Groups[2].Value);
        var spare = workers.Keys.Single(w => w != leader && w != victim);
        await EpochRow(coordinator, Trial, 0);
        var clock = Stopwatch.StartNew();
        await workers[victim].KillAsync();
        Output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} test: killed rank 1's worker {victim} in epoch 1 (rank 0 on {leader}, spare {spare})");

        var failed = await coordinator.WaitForLineAsync(l => l.Contains($"failed  {Trial}#1:"), $"{Trial}#1 failed", Bound);
        var failedAfter = clock.Elapsed;
        var resumed = await coordinator.WaitForLineAsync(l => l.Contains($"resumed {Trial}#2 "), $"{Trial}#2 resumed", Bound);
        var resumedAfter = clock.Elapsed;
        Output.WriteLine($"kill to failed attempt: {failedAfter.TotalSeconds:F2} s ({failed.Trim()})");
        Output.WriteLine($"kill to resumed training: {resumedAfter.TotalSeconds:F2} s ({resumed.Trim()})");
        await ExpectSweepFinished(coordinator);
        foreach (var w in new[] { leader, spare })
        {
            workers[w].Terminate();
            (await workers[w].WaitForExitAsync(Bound)).Should().Be(0, "worker {0} leaves on SIGTERM with no replica left hanging:\n{1}", w, AllOutput());
        }

        failed.Should().Contain($"(on {leader}); retrying from epoch", "rank 0's collective errors out and is a retried attempt, not a hang")
            .And.Contain("allreduce failed");
        var snapshot = Snapshot();
        var trial = snapshot.Trial(Trial)!;
        trial.Status.Should().Be(TrialStatus.Completed, AllOutput());
        trial.Attempts.Should().Be(2, "the next group waits until the killed worker is gone, so no attempt is placed on it");
        Replicas(1).Should().Equal((0, leader), (1, victim));
        Replicas(2).Select(r => r.Worker).Should().BeEquivalentTo([leader, spare], "a fresh group of the two live workers");
        Replicas(2).Select(r => r.Rank).Should().Equal(0, 1);
        var checkpointed = snapshot.Metrics.Count(m => m.Attempt == 1);
        checkpointed.Should().BeGreaterThanOrEqualTo(1);
        StartEpoch(2).Should().Be(checkpointed, "attempt 2 starts from the last epoch checkpoint attempt 1 reported");
        snapshot.Metrics.Where(m => m.Attempt == 2).Select(m => m.Metrics.Epoch).Should().Equal(Enumerable.Range(checkpointed, 4 - checkpointed));
        string.Join("\n", coordinator.Lines).Should().Contain($"regroup {Trial}#1: a replica lost its group; the next group waits until {victim} answers or leaves")
            .And.Contain($"worker  {victim} lost").And.Contain($"done    {Trial}#2 after 4 epochs");
        resumed.Should().Contain($"training again from the epoch {checkpointed} checkpoint");
    }

    private List<(int Rank, string Worker)> Replicas(int attempt) => JournalTables.Group(RunDir, Trial, attempt);

    private long StartEpoch(int attempt) => JournalTables.StartEpoch(RunDir, Trial, attempt);

    [GeneratedRegex(@"rank 0 on (\S+) \(.*rank 1 on (\S+) \(")]
    private static partial Regex Group();
}
