using TorchSharp;
using Troupe.Torch.GlooPeer;

namespace Troupe.Torch.Tests.Distributed;

/// <summary>A lost or silent peer makes calls fail with a TorchException instead of hanging.</summary>
[Collection("live-tensor-count")]
public class ProcessGroupFailureSpecs
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_killed_peer_must_fail_the_survivors_allreduce(int rank)
    {
        var port = PeerProcess.FreePort();
        using var peer = PeerProcess.Start("sleep", port, 1 - rank, 2, Gloo.Short);
        await peer.WaitForLineAsync("loaded");
        using var group = await Gloo.RendezvousAsync(port, rank, 2, Gloo.Short);
        await Gloo.RunAsync(group.Barrier);
        await peer.WaitForLineAsync("ready");
        await peer.KillAsync();
        var bucket = GlooScenario.Bucket(rank, 256);
        try
        {
            var call = () => Gloo.RunAsync(() => group.AllReduce(bucket), Gloo.FailureBound);

            (await call.Should().ThrowAsync<TorchException>())
                .Which.Message.Should().Match("trp_dist_allreduce: allreduce failed (rank*of 2, timeout 5000 ms): *");
        }
        finally
        {
            Gloo.DisposeAll(bucket);
        }
    }

    [Fact]
    public async Task A_silent_peer_must_fail_the_allreduce_when_the_timeout_expires()
    {
        var port = PeerProcess.FreePort();
        using var peer = PeerProcess.Start("sleep", port, 1, 2, Gloo.Short);
        await peer.WaitForLineAsync("loaded");
        using var group = await Gloo.RendezvousAsync(port, 0, 2, Gloo.Short);
        await Gloo.RunAsync(group.Barrier);
        using var tensor = torch.tensor(new float[] { 1, 2, 3 });

        var call = () => Gloo.RunAsync(() => group.AllReduce(tensor), Gloo.FailureBound);

        (await call.Should().ThrowAsync<TorchException>()).Which.Message.Should().Match("*allreduce failed*Timed out*");
    }

    [Fact]
    public async Task A_rendezvous_server_that_exits_must_fail_the_other_ranks_allreduce()
    {
        var port = PeerProcess.FreePort();
        using var server = PeerProcess.Start("exit", port, 0, 2, Gloo.Short);
        using var survivor = PeerProcess.Start("survive", port, 1, 2, Gloo.Short);

        (await survivor.WaitForExitAsync()).Should().Be(0, survivor.Output);
        (await server.WaitForExitAsync()).Should().Be(0, server.Output);
        survivor.Output.Should().Contain("failed: trp_dist_allreduce: allreduce failed");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Rendezvous_must_fail_when_the_other_rank_never_joins(int rank)
    {
        var port = PeerProcess.FreePort();

        var call = () => Gloo.RendezvousAsync(port, rank, 2, TimeSpan.FromSeconds(2));

        (await call.Should().ThrowAsync<TorchException>())
            .Which.Message.Should().Match($"trp_dist_new: rendezvous at 127.0.0.1:{port} failed (rank {rank} of 2, timeout 2000 ms): *");
    }
}
