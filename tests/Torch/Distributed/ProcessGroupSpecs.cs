using TorchSharp;
using Troupe.Torch.GlooPeer;
using static TorchSharp.torch.distributed;

namespace Troupe.Torch.Tests.Distributed;

/// <summary>
/// Collectives between this process and a peer process on loopback. Each test runs a whole
/// scenario against one peer (starting a process costs more than the collectives).
/// </summary>
[Collection("live-tensor-count")]
public class ProcessGroupSpecs
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task AllReduce_must_give_the_exact_sum_and_average_of_1KB_and_25MB_buckets_over_two_processes(int rank)
    {
        var port = PeerProcess.FreePort();
        using var peer = PeerProcess.Start("allreduce", port, 1 - rank, 2, Gloo.Patient);
        await peer.WaitForLineAsync("loaded");
        using var group = await Gloo.RendezvousAsync(port, rank, 2, Gloo.Patient);

        foreach (var (floats, average) in GlooScenario.AllReduceCases)
        {
            var bucket = GlooScenario.Bucket(rank, floats);
            try
            {
                await Gloo.RunAsync(() => group.AllReduce(bucket, average ? ReduceOp.Avg : ReduceOp.Sum));

                var expected = GlooScenario.Reduced(2, floats, average);
                var actual = GlooScenario.Flatten(bucket);
                var at = GlooScenario.FirstMismatch(expected, actual);
                at.Should().Be(-1, at < 0 ? "" : $"element {at} of the {floats}-float {(average ? "average" : "sum")} should be {expected[at]}, got {actual[at]}");
                bucket[0].shape.Should().Equal(floats / 2 / 8, 8);
            }
            finally
            {
                Gloo.DisposeAll(bucket);
            }
        }
        (await peer.WaitForExitAsync()).Should().Be(0, peer.Output);
    }

    [Fact]
    public async Task Broadcast_must_give_every_rank_the_roots_tensors()
    {
        var port = PeerProcess.FreePort();
        using var peer = PeerProcess.Start("broadcast", port, 1, 2, Gloo.Patient);
        await peer.WaitForLineAsync("loaded");
        using var group = await Gloo.RendezvousAsync(port, 0, 2, Gloo.Patient);

        for (var src = 0; src < 2; src++)
        {
            var set = GlooScenario.BroadcastSet(0);
            var expected = GlooScenario.BroadcastSet(src);
            try
            {
                await Gloo.RunAsync(() => group.Broadcast(set, src));

                set[0].data<float>().Should().Equal(expected[0].data<float>());
                set[1].data<long>().Should().Equal(expected[1].data<long>());
                set[2].data<float>().Should().Equal(expected[2].data<float>());
                set[0].shape.Should().Equal(30, 10);
            }
            finally
            {
                Gloo.DisposeAll(set);
                Gloo.DisposeAll(expected);
            }
        }
        (await peer.WaitForExitAsync()).Should().Be(0, peer.Output);
    }

    [Fact]
    public async Task Barrier_must_return_once_both_ranks_entered_it()
    {
        var port = PeerProcess.FreePort();
        using var peer = PeerProcess.Start("barrier", port, 1, 2, Gloo.Patient);
        await peer.WaitForLineAsync("loaded");
        using var group = await Gloo.RendezvousAsync(port, 0, 2, Gloo.Patient);

        await Gloo.RunAsync(() =>
        {
            for (var i = 0; i < 3; i++) group.Barrier();
        });

        (await peer.WaitForExitAsync()).Should().Be(0, peer.Output);
        group.Rank.Should().Be(0);
        group.WorldSize.Should().Be(2);
    }
}
