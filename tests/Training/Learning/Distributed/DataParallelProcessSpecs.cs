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
        var replicas = await RunGroupAsync("lmmodel6", 3, [[0], [1]]);

        Report(replicas[0]);
        foreach (var r in replicas) DpAssert.SameAsReference(r, Lmmodel6Reference.Value, 1e-4);
        DpAssert.Identical(replicas[0], replicas[1]);
    }

    [Fact]
    public async Task Four_replicas_on_two_processes_of_two_ranks_must_reproduce_the_single_replica_run()
    {
        var replicas = await RunGroupAsync("lmmodel6", 3, [[0, 1], [2, 3]]);

        Report(replicas[0]);
        foreach (var r in replicas) DpAssert.SameAsReference(r, Lmmodel6Reference.Value, 1e-4);
        foreach (var r in replicas.Skip(1)) DpAssert.Identical(replicas[0], r);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Two_replicas_with_dropout_must_reach_the_single_replica_accuracy_band()
    {
        var single = DpScenario.Train(new DpRun("lmmodel7", 15), group: null);

        var replicas = await RunGroupAsync("lmmodel7", 15, [[0], [1]]);

        output.WriteLine($"accuracy after 15 epochs: 1 replica {single.Epochs[^1].Accuracy:F4}, 2 replicas {replicas[0].Epochs[^1].Accuracy:F4}");
        single.Epochs[^1].Accuracy.Should().BeGreaterThanOrEqualTo(0.80, "the book's LMModel7 band (single replica)");
        foreach (var r in replicas) r.Epochs[^1].Accuracy.Should().BeGreaterThanOrEqualTo(0.80, $"rank {r.Rank}: 2 replicas with per-rank dropout masks");
        DpAssert.Identical(replicas[0], replicas[1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task A_killed_replica_must_fail_the_survivors_collective_within_the_timeout(int killed)
    {
        var timeout = TimeSpan.FromSeconds(10);
        using var folder = new TempFolder();
        var port = ThreadReplicas.FreePort();
        var survivor = 1 - killed;
        using var victim = DpPeerProcess.Start("lmmodel6", 3, port, 2, timeout, folder.Path, [killed], pause: (1, 5));
        using var other = DpPeerProcess.Start("lmmodel6", 3, port, 2, timeout, folder.Path, [survivor]);
        await victim.WaitForLineAsync($"rank {killed} paused");

        await victim.KillAsync();

        // The survivor is blocked in the allreduce of epoch 1, batch 5: it must give up by the timeout, not hang.
        (await other.WaitForExitAsync(timeout * 3)).Should().Be(3, other.Output);
        other.Output.Should().Match($"*rank {survivor} failed: trp_dist_allreduce: allreduce failed (rank {survivor} of 2, timeout 10000 ms): *");
        File.Exists(DpResult.PathFor(folder.Path, survivor)).Should().BeFalse("a failed replica reports no result");
    }

    private void Report(DpResult replica)
    {
        var (train, valid, accuracy, weight) = DpAssert.Deviation(replica, Lmmodel6Reference.Value);
        output.WriteLine($"{replica.WorldSize} replicas vs 1: max |Δ| train_loss {train:E2}, valid_loss {valid:E2}, accuracy {accuracy:E2}, weights {weight:E2}");
    }

    // One peer process per entry of processRanks (its ranks on threads); results by rank.
    private static async Task<DpResult[]> RunGroupAsync(string model, int epochs, int[][] processRanks)
    {
        using var folder = new TempFolder();
        var port = ThreadReplicas.FreePort();
        var world = processRanks.Sum(r => r.Length);
        var peers = processRanks.Select(ranks => DpPeerProcess.Start(model, epochs, port, world, GroupTimeout, folder.Path, ranks)).ToList();
        try
        {
            foreach (var peer in peers) (await peer.WaitForExitAsync()).Should().Be(0, peer.Output);
        }
        finally
        {
            foreach (var peer in peers) peer.Dispose();
        }
        return Enumerable.Range(0, world).Select(rank => DpResult.Load(DpResult.PathFor(folder.Path, rank))).ToArray();
    }
}
