using TorchSharp;
using static TorchSharp.torch.distributed;

namespace Troupe.Torch.Tests.Distributed;

/// <summary>Single-rank groups (no peer process) and bad arguments.</summary>
[Collection("live-tensor-count")]
public class ProcessGroupValidationSpecs
{
    [Theory]
    [InlineData(0, 0, 29500)]
    [InlineData(-1, 2, 29500)]
    [InlineData(2, 2, 29500)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 1, 70000)]
    public void Constructor_must_refuse_ranks_sizes_and_ports_out_of_range(int rank, int worldSize, int port)
    {
        var act = () => new ProcessGroup("127.0.0.1", port, rank, worldSize, TimeSpan.FromSeconds(1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("expected *, got *");
    }

    [Fact]
    public void Constructor_must_refuse_a_non_positive_timeout()
    {
        var act = () => new ProcessGroup("127.0.0.1", 29500, 0, 1, TimeSpan.Zero);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("expected a positive timeout, got 00:00:00*");
    }

    [Fact]
    public void A_single_rank_group_must_keep_values_and_shapes()
    {
        using var group = new ProcessGroup("127.0.0.1", PeerProcess.FreePort(), 0, 1, Gloo.Patient);
        using var a = torch.tensor(new float[] { 1.5f, -2, 3, 4 }, new long[] { 2, 2 });
        using var b = torch.tensor(new float[] { 7 });
        using var c = torch.tensor(new long[] { 5, 6 });

        group.AllReduce([a, b, c]);
        group.AllReduce([a, b], ReduceOp.Avg);
        group.Broadcast([a, c], 0);
        group.Barrier();
        group.AllReduce([]);

        a.data<float>().Should().Equal(1.5f, -2, 3, 4);
        a.shape.Should().Equal(2, 2);
        b.data<float>().Should().Equal(7);
        c.data<long>().Should().Equal(5, 6);
    }

    [Fact]
    public void Average_must_refuse_integer_tensors()
    {
        using var group = new ProcessGroup("127.0.0.1", PeerProcess.FreePort(), 0, 1, Gloo.Patient);
        using var f = torch.tensor(new float[] { 1 });
        using var l = torch.tensor(new long[] { 1 });

        var act = () => group.AllReduce([f, l], ReduceOp.Avg);

        act.Should().Throw<TorchException>()
            .WithMessage("trp_dist_allreduce: allreduce average: expected floating-point tensors, got Long at index 1");
    }

    [Fact]
    public void Broadcast_must_refuse_a_source_outside_the_group()
    {
        using var group = new ProcessGroup("127.0.0.1", PeerProcess.FreePort(), 0, 1, Gloo.Patient);
        using var t = torch.tensor(new float[] { 1 });

        var act = () => group.Broadcast(t, 1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("expected a source rank in [0, 1), got 1*");
    }

    [Fact]
    public void A_disposed_group_or_tensor_must_throw_ObjectDisposedException()
    {
        var group = new ProcessGroup("127.0.0.1", PeerProcess.FreePort(), 0, 1, Gloo.Patient);
        var t = torch.tensor(new float[] { 1 });
        t.Dispose();

        var disposedTensor = () => group.AllReduce(t);
        disposedTensor.Should().Throw<ObjectDisposedException>();

        group.Dispose();
        using var live = torch.tensor(new float[] { 1 });
        var disposedGroup = () => group.Barrier();
        disposedGroup.Should().Throw<ObjectDisposedException>();
    }
}
