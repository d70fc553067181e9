using Troupe.Collectives.Peer;

namespace Troupe.Collectives.Tests;

/// <summary>
/// Collectives between this process and peer processes on loopback; every rank checks the exact result. Each test
/// runs a whole scenario (starting a process costs more than the collectives).
/// </summary>
[Collection(LiveTensorCount.Name)]
public class ProcessGroupSpecs
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    public async Task AllReduce_must_give_the_exact_sum_and_average_of_1KB_and_25MB_buckets(int rank, int worldSize)
    {
        var port = PeerProcess.FreePort();
        var peers = await Gloo.StartPeersAsync("allreduce", port, rank, worldSize, Gloo.Patient);
        try
        {
            using var group = await Gloo.RendezvousAsync(port, rank, worldSize, Gloo.Patient);

            foreach (var (floats, average) in Scenario.AllReduceCases)
            {
                var bucket = Scenario.Bucket(rank, floats);
                try
                {
                    await Gloo.RunAsync(() => group.AllReduce(bucket, average ? ReduceOp.Avg : ReduceOp.Sum));

                    ScenarioChecks.Bucket(bucket, worldSize, floats, average).Should().BeNull();
                }
                finally
                {
                    Scenario.DisposeAll(bucket);
                }
            }
            await Gloo.ExpectSuccessAsync(peers);
        }
        finally
        {
            Gloo.DisposeAll(peers);
        }
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 3)]
    public async Task AllReduce_must_sum_mixed_dtypes_and_write_through_non_contiguous_views(int rank, int worldSize)
    {
        var port = PeerProcess.FreePort();
        var peers = await Gloo.StartPeersAsync("mixed", port, rank, worldSize, Gloo.Patient);
        var (@base, list) = Scenario.Mixed(rank);
        try
        {
            using var group = await Gloo.RendezvousAsync(port, rank, worldSize, Gloo.Patient);

            await Gloo.RunAsync(() => group.AllReduce(list));

            ScenarioChecks.Mixed(@base, list, worldSize).Should().BeNull();
            await Gloo.ExpectSuccessAsync(peers);
        }
        finally
        {
            Scenario.DisposeAll([@base, .. list]);
            Gloo.DisposeAll(peers);
        }
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(0, 3)]
    public async Task Broadcast_must_give_every_rank_the_roots_tensors(int rank, int worldSize)
    {
        var port = PeerProcess.FreePort();
        var peers = await Gloo.StartPeersAsync("broadcast", port, rank, worldSize, Gloo.Patient);
        try
        {
            using var group = await Gloo.RendezvousAsync(port, rank, worldSize, Gloo.Patient);

            for (var src = 0; src < worldSize; src++)
            {
                var set = Scenario.BroadcastSet(rank);
                try
                {
                    await Gloo.RunAsync(() => group.Broadcast(set, src));

                    ScenarioChecks.Broadcast(set, src).Should().BeNull();
                }
                finally
                {
                    Scenario.DisposeAll(set);
                }
            }
            await Gloo.ExpectSuccessAsync(peers);
        }
        finally
        {
            Gloo.DisposeAll(peers);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Barrier_must_return_once_every_rank_entered_it(int worldSize)
    {
        var port = PeerProcess.FreePort();
        var peers = await Gloo.StartPeersAsync("barrier", port, 0, worldSize, Gloo.Patient);
        try
        {
            using var group = await Gloo.RendezvousAsync(port, 0, worldSize, Gloo.Patient);

            await Gloo.RunAsync(() =>
            {
                for (var i = 0; i < 3; i++) group.Barrier();
            });

            await Gloo.ExpectSuccessAsync(peers);
            group.Rank.Should().Be(0);
            group.WorldSize.Should().Be(worldSize);
            group.Timeout.Should().Be(Gloo.Patient);
            group.ToString().Should().Be($"ProcessGroup(gloo, rank 0 of {worldSize}, timeout 00:00:30)");
        }
        finally
        {
            Gloo.DisposeAll(peers);
        }
    }
}
