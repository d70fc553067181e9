using Xunit.Abstractions;
using Troupe.Training.DpPeer;
using Troupe.Training.Tests.Support;

namespace Troupe.Training.Tests.Learning.Distributed;

/// <summary>
/// Issue 7's acceptance at the training level, with replicas in separate OS processes (tests/Training.DpPeer) on
/// loopback: exactness against the single-replica run, per-rank dropout reaching the single-replica band, and a
/// killed replica failing the survivor within the group's timeout. Every wait is bounded.
/// </summary>
public sealed class DataParallelProcessSpecs(ITestOutputHelper output)
{
    private static readonly TimeSpan GroupTimeout = TimeSpan.FromSeconds(30);

    private static readonly Lazy<DpResult> Lmmodel6Reference = new(() => DpScenario.Train(new DpRun("lmmodel6", 3), group: null));

    [Fact]
    public async Task Two_replicas_in_two_processes_must_reproduce_the_single_replica_run()
    {
        var replicas = await RunGroupAsync(new DpRun("lmmodel6", 3), [[0], [1]]);

        Report(replicas[0]);
        foreach (var r in replicas) DpAssert.SameAsReference(r, Lmmodel6Reference.Value, 1e-4);
        DpAssert.Identical(replicas[0], replicas[1]);
    }

    [Fact]
    public async Task Four_replicas_on_two_processes_of_two_ranks_must_reproduce_the_single_replica_run()
    {
        var replicas = await RunGroupAsync(new DpRun("lmmodel6", 3), [[0, 1], [2, 3]]);

        Report(replicas[0]);
        foreach (var r in replicas) DpAssert.SameAsReference(r, Lmmodel6Reference.Value, 1e-4);
        foreach (var r in replicas.Skip(1)) DpAssert.Identical(replicas[0], r);
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("lmmodel7")]
    [InlineData("awd_lstm")]
    public async Task Two_replicas_with_dropout_must_reach_the_single_replica_accuracy_band(string model)
    {
        var (run, singleBand, band) = DropoutCase(model);
        var single = DpScenario.Train(run, group: null);

        var replicas = await RunGroupAsync(run, [[0], [1]], TimeSpan.FromMinutes(15));

        output.WriteLine($"{model} accuracy after {run.Epochs} epochs: 1 replica {single.Epochs[^1].Accuracy:F4}, 2 replicas {replicas[0].Epochs[^1].Accuracy:F4}");
        single.Epochs[^1].Accuracy.Should().BeGreaterThanOrEqualTo(singleBand, $"{model}'s band with seed 42 (single replica)");
        foreach (var r in replicas) r.Epochs[^1].Accuracy.Should().BeGreaterThanOrEqualTo(band, $"rank {r.Rank}: 2 replicas with per-rank dropout masks");
        DpAssert.Identical(replicas[0], replicas[1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task A_killed_replica_must_fail_the_survivors_collective_within_the_timeout(int killed)
    {
        var timeout = TimeSpan.FromSeconds(10);
        using var folder = new TempFolder();
        var port = PeerProcess.FreePort();
        var survivor = 1 - killed;
        using var victim = PeerProcess.Start("lmmodel6", 3, port, 2, timeout, folder.Path, [killed], pause: (1, 5));
        using var other = PeerProcess.Start("lmmodel6", 3, port, 2, timeout, folder.Path, [survivor]);
        await victim.WaitForLineAsync($"rank {killed} paused");

        await victim.KillAsync();

        // The survivor is blocked in the allreduce of epoch 1, batch 5: it must give up by the timeout, not hang.
        (await other.WaitForExitAsync(timeout * 3)).Should().Be(3, other.Output);
        other.Output.Should().Match($"*rank {survivor} failed: allreduce failed (rank {survivor} of 2, timeout 10000 ms): *");
        File.Exists(DpResult.PathFor(folder.Path, survivor)).Should().BeFalse("a failed replica reports no result");
    }

    // The fit, the 1-replica band (seed 42) and the band 2 replicas must reach. LMModel7: the book's recipe and band.
    // AwdLstm: the Human Numbers recipe, whose 1-replica results over seeds 42, 0, 1, 2 are 0.856, 0.832, 0.840,
    // 0.828 (docs/benchmarks.md): 2 replicas draw other dropout masks, as another seed does, so their band is that spread's.
    private static (DpRun Run, double SingleBand, double Band) DropoutCase(string model)
    {
        if (model == "lmmodel7") return (new DpRun("lmmodel7", 15), 0.80, 0.80);
        var recipe = HumanNumbersAwdLstm.Recipe;
        var parameters = new Dictionary<string, double>(recipe.Hyperparameters) { ["lr"] = recipe.Lr, ["wd"] = recipe.Wd };
        return (new DpRun("awd_lstm", recipe.Epochs, Params: parameters), 0.85, 0.82);
    }

    private void Report(DpResult replica)
    {
        var (train, valid, accuracy, weight) = DpAssert.Deviation(replica, Lmmodel6Reference.Value);
        output.WriteLine($"{replica.WorldSize} replicas vs 1: max |Δ| train_loss {train:E2}, valid_loss {valid:E2}, accuracy {accuracy:E2}, weights {weight:E2}");
    }

    // One peer process per entry of processRanks (its ranks on threads); results by rank.
    private static async Task<DpResult[]> RunGroupAsync(DpRun run, int[][] processRanks, TimeSpan? bound = null)
    {
        using var folder = new TempFolder();
        var port = PeerProcess.FreePort();
        var world = processRanks.Sum(r => r.Length);
        var peers = processRanks.Select(ranks => PeerProcess.Start(run.Model, run.Epochs, port, world, GroupTimeout, folder.Path, ranks, parameters: run.Params)).ToList();
        try
        {
            foreach (var peer in peers) (await peer.WaitForExitAsync(bound)).Should().Be(0, peer.Output);
        }
        finally
        {
            foreach (var peer in peers) peer.Dispose();
        }
        return Enumerable.Range(0, world).Select(rank => DpResult.Load(DpResult.PathFor(folder.Path, rank))).ToArray();
    }
}
