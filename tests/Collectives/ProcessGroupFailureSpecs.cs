using TorchSharp;
using Troupe.Collectives.Peer;

namespace Troupe.Collectives.Tests;

/// <summary>A lost or silent peer makes calls fail with a CollectiveException within the timeout, never a hang.</summary>
[Collection(LiveTensorCount.Name)]
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
        var bucket = Scenario.Bucket(rank, 256);
        try
        {
            var call = () => Gloo.RunAsync(() => group.AllReduce(bucket), Gloo.FailureBound);

            (await call.Should().ThrowAsync<CollectiveException>())
                .Which.Message.Should().Match($"allreduce failed (rank {rank} of 2, timeout 5000 ms): *");
        }
        finally
        {
            Scenario.DisposeAll(bucket);
        }
    }

    [Fact]
    public async Task A_peer_killed_during_the_allreduce_must_end_it_through_the_lost_connection_not_the_timeout()
    {
        var port = PeerProcess.FreePort();
        using var peer = PeerProcess.Start("sleep", port, 1, 2, Gloo.Patient);
        await peer.WaitForLineAsync("loaded");
        using var group = await Gloo.RendezvousAsync(port, 0, 2, Gloo.Patient);
        await Gloo.RunAsync(group.Barrier);
        await peer.WaitForLineAsync("ready");
        using var tensor = torch.ones(1 << 20);
        var allReduce = Gloo.RunAsync(() => group.AllReduce(tensor)); // waits for a peer that never joins it

        await peer.KillAsync();

        var call = () => allReduce;
        var message = (await call.Should().ThrowAsync<CollectiveException>()).Which.Message;
        message.Should().StartWith("allreduce failed (rank 0 of 2, timeout 30000 ms): ").And.Contain("by peer").And.NotContain("Timed out");
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

        (await call.Should().ThrowAsync<CollectiveException>())
            .Which.Message.Should().Match("allreduce failed (rank 0 of 2, timeout 5000 ms): *Timed out*");
    }

    [Fact]
    public async Task A_rendezvous_server_that_exits_must_fail_the_other_ranks_allreduce()
    {
        var port = PeerProcess.FreePort();
        using var server = PeerProcess.Start("exit", port, 0, 2, Gloo.Short);
        using var survivor = PeerProcess.Start("survive", port, 1, 2, Gloo.Short);

        (await survivor.WaitForExitAsync()).Should().Be(0, survivor.Output);
        (await server.WaitForExitAsync()).Should().Be(0, server.Output);
        survivor.Output.Should().Contain("failed: allreduce failed (rank 1 of 2, timeout 5000 ms): ");
    }

    [Fact]
    public async Task A_failed_group_must_refuse_later_calls_and_a_new_group_on_the_same_port_must_work()
    {
        var port = PeerProcess.FreePort();
        using (var doomed = PeerProcess.Start("sleep", port, 1, 2, Gloo.Short))
        {
            await doomed.WaitForLineAsync("loaded");
            using var failed = await Gloo.RendezvousAsync(port, 0, 2, Gloo.Short);
            await Gloo.RunAsync(failed.Barrier);
            await doomed.WaitForLineAsync("ready");
            await doomed.KillAsync();
            var first = () => Gloo.RunAsync(failed.Barrier, Gloo.FailureBound);
            await first.Should().ThrowAsync<CollectiveException>();

            var later = () => Gloo.RunAsync(failed.Barrier, Gloo.FailureBound);

            (await later.Should().ThrowAsync<CollectiveException>())
                .Which.Message.Should().Match("barrier failed (rank 0 of 2, timeout 5000 ms): the group is unusable after an earlier failure (*): dispose it and rendezvous again");
        }

        using var peer = PeerProcess.Start("small", port, 1, 2, Gloo.Patient);
        await peer.WaitForLineAsync("loaded");
        using var group = await Gloo.RendezvousAsync(port, 0, 2, Gloo.Patient);
        var bucket = Scenario.Bucket(0, 256);
        try
        {
            await Gloo.RunAsync(() => group.AllReduce(bucket));

            ScenarioChecks.Bucket(bucket, 2, 256, average: false).Should().BeNull();
            (await peer.WaitForExitAsync()).Should().Be(0, peer.Output);
        }
        finally
        {
            Scenario.DisposeAll(bucket);
        }
    }
}
