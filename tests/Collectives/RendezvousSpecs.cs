using System.Net;
using System.Net.Sockets;

namespace Troupe.Collectives.Tests;

/// <summary>A rendezvous that cannot complete fails within its timeout and says who or what was missing.</summary>
[Collection(LiveTensorCount.Name)]
public class RendezvousSpecs
{
    [Fact]
    public async Task Rank_0_must_name_the_rank_that_never_joined()
    {
        var port = PeerProcess.FreePort();

        var call = () => Gloo.RendezvousAsync(port, 0, 2, TimeSpan.FromSeconds(2));

        (await call.Should().ThrowAsync<CollectiveException>()).Which.Message.Should()
            .Be($"rendezvous at 127.0.0.1:{port} failed (rank 0 of 2, timeout 2000 ms): rank 1 of 2 did not arrive within 2000 ms");
    }

    [Fact]
    public async Task Another_rank_must_name_the_address_of_rank_0_it_could_not_reach()
    {
        var port = PeerProcess.FreePort();

        var call = () => Gloo.RendezvousAsync(port, 1, 2, TimeSpan.FromSeconds(2));

        (await call.Should().ThrowAsync<CollectiveException>()).Which.Message.Should()
            .Be($"rendezvous at 127.0.0.1:{port} failed (rank 1 of 2, timeout 2000 ms): could not reach rank 0's rendezvous store at 127.0.0.1:{port} (Connection refused)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Every_arrived_rank_must_name_the_rank_that_never_came_in_a_group_of_three(int peerRank)
    {
        var port = PeerProcess.FreePort();
        var rank = 1 - peerRank;
        using var peer = PeerProcess.Start("barrier", port, peerRank, 3, Gloo.Short);
        await peer.WaitForLineAsync("loaded");

        var call = () => Gloo.RendezvousAsync(port, rank, 3, Gloo.Short);

        // Rank 1 either times out itself or outlives rank 0's store (rank 0 started waiting first): both name rank 2.
        (await call.Should().ThrowAsync<CollectiveException>()).Which.Message.Should()
            .Match($"rendezvous at 127.0.0.1:{port} failed (rank {rank} of 3, timeout 5000 ms): rank 2 of 3 did not arrive *");
        (await peer.WaitForExitAsync()).Should().Be(1, peer.Output);
        peer.Output.Should().Contain($"(rank {peerRank} of 3, timeout 5000 ms): rank 2 of 3 did not arrive ");
    }

    [Fact]
    public async Task A_rank_told_another_world_size_must_be_refused()
    {
        var port = PeerProcess.FreePort();
        using var peer = PeerProcess.Start("barrier", port, 1, 3, Gloo.Short);
        await peer.WaitForLineAsync("loaded");

        var call = () => Gloo.RendezvousAsync(port, 0, 2, Gloo.Short);

        (await call.Should().ThrowAsync<CollectiveException>()).Which.Message.Should().EndWith("rank 1 of 2 did not arrive within 5000 ms");
        (await peer.WaitForExitAsync()).Should().Be(1, peer.Output);
        peer.Output.Should().Contain($"rank 0 at 127.0.0.1:{port} forms a group of 2 ranks, this rank expected 3");
    }

    [Fact]
    public void Rank_0_must_report_a_port_it_cannot_serve_on()
    {
        using var squatter = new TcpListener(IPAddress.IPv6Any, 0);
        squatter.Server.DualMode = true;
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var act = () => new ProcessGroup("127.0.0.1", port, 0, 1, Gloo.Short);

        act.Should().Throw<CollectiveException>()
            .WithMessage($"rendezvous at 127.0.0.1:{port} failed (rank 0 of 1, timeout 5000 ms): rank 0 cannot serve the rendezvous store on port {port}: Address already in use");
    }

    [Theory]
    [InlineData("no-such-host.invalid", "cannot resolve this rank's address 'no-such-host.invalid' (the local address given): *")]
    [InlineData("192.0.2.1", "*bind(2) for [192.0.2.1] failed with: Cannot assign requested address")]
    public void A_local_address_this_machine_does_not_have_must_fail_the_rendezvous(string localAddress, string cause)
    {
        var port = PeerProcess.FreePort();

        var act = () => new ProcessGroup("127.0.0.1", port, 0, 1, Gloo.Short, localAddress);

        act.Should().Throw<CollectiveException>().WithMessage($"rendezvous at 127.0.0.1:{port} failed (rank 0 of 1, timeout 5000 ms): {cause}");
    }

    [Fact]
    public void A_local_address_this_machine_has_must_serve_the_group()
    {
        using var group = new ProcessGroup("127.0.0.1", PeerProcess.FreePort(), 0, 1, Gloo.Short, localAddress: "127.0.0.1");
        using var t = TorchSharp.torch.ones(3);

        group.AllReduce(t);

        t.data<float>().ToArray().Should().Equal(1, 1, 1);
    }

    [Fact]
    public async Task Rank_0s_store_must_survive_garbage_and_idle_connections()
    {
        var port = PeerProcess.FreePort();
        var forming = Gloo.RendezvousAsync(port, 0, 2, Gloo.Patient);
        using var idle = await ConnectAsync(port);
        using (var garbage = await ConnectAsync(port))
        {
            await garbage.GetStream().WriteAsync("X\0\0\0\u0001\0\0\0\0k"u8.ToArray()); // an unknown op
        }
        using (var oversized = await ConnectAsync(port))
        {
            await oversized.GetStream().WriteAsync(new byte[] { (byte)'S', 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0 });
        }
        using var peer = PeerProcess.Start("small", port, 1, 2, Gloo.Patient);

        using var group = await forming;
        var bucket = Peer.Scenario.Bucket(0, 256);
        try
        {
            await Gloo.RunAsync(() => group.AllReduce(bucket));

            Peer.ScenarioChecks.Bucket(bucket, 2, 256, average: false).Should().BeNull();
            (await peer.WaitForExitAsync()).Should().Be(0, peer.Output);
        }
        finally
        {
            Peer.Scenario.DisposeAll(bucket);
        }
    }

    // Rank 0's store accepts connections once its rendezvous has started: retried, bounded.
    private static async Task<TcpClient> ConnectAsync(int port)
    {
        var deadline = DateTime.UtcNow + PeerProcess.Bound;
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return client;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                client.Dispose();
                await Task.Delay(20);
            }
        }
    }
}
