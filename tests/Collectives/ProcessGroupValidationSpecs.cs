using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Collectives.Tests;

/// <summary>Single-rank groups (no peer process), bad arguments, and tensors that must not leak.</summary>
[Collection(LiveTensorCount.Name)]
public class ProcessGroupValidationSpecs
{
    [Theory]
    [InlineData(0, 0, 29500, "worldSize", "expected a world size >= 1, got 0*")]
    [InlineData(-1, 2, 29500, "rank", "expected a rank in [0, 2), got -1*")]
    [InlineData(2, 2, 29500, "rank", "expected a rank in [0, 2), got 2*")]
    [InlineData(0, 1, 0, "port", "expected a port in [1, 65535], got 0*")]
    [InlineData(0, 1, 70000, "port", "expected a port in [1, 65535], got 70000*")]
    public void Constructor_must_refuse_ranks_sizes_and_ports_out_of_range(int rank, int worldSize, int port, string parameter, string message)
    {
        var act = () => new ProcessGroup("127.0.0.1", port, rank, worldSize, TimeSpan.FromSeconds(1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage(message).Which.ParamName.Should().Be(parameter);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Constructor_must_refuse_a_non_positive_timeout(int seconds)
    {
        var act = () => new ProcessGroup("127.0.0.1", 29500, 0, 1, TimeSpan.FromSeconds(seconds));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"expected a positive timeout, got {TimeSpan.FromSeconds(seconds)}*");
    }

    [Fact]
    public void Constructor_must_refuse_an_empty_host()
    {
        var act = () => new ProcessGroup("", 29500, 0, 1, TimeSpan.FromSeconds(1));

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("host");
    }

    [Fact]
    public void A_single_rank_group_must_keep_values_and_shapes()
    {
        using var group = new ProcessGroup("127.0.0.1", PeerProcess.FreePort(), 0, 1, Gloo.Patient);
        using var a = torch.tensor(new float[] { 1.5f, -2, 3, 4 }, new long[] { 2, 2 });
        using var b = torch.tensor(new float[] { 7 });
        using var c = torch.tensor(new long[] { 5, 6 });
        using var at = a.t();

        group.AllReduce([a, b, c]);
        group.AllReduce([at, b], ReduceOp.Avg);
        group.Broadcast([a, c], 0);
        group.Barrier();
        group.AllReduce([]);

        a.data<float>().ToArray().Should().Equal(1.5f, -2, 3, 4);
        a.shape.Should().Equal(2, 2);
        b.data<float>().ToArray().Should().Equal(7);
        c.data<long>().ToArray().Should().Equal(5, 6);
    }

    [Theory]
    [InlineData(ScalarType.Int64, 1)]
    [InlineData(ScalarType.Int32, 0)]
    public void Average_must_refuse_integer_tensors(ScalarType dtype, int index)
    {
        using var group = new ProcessGroup("127.0.0.1", PeerProcess.FreePort(), 0, 1, Gloo.Patient);
        using var f = torch.ones(1, ScalarType.Float32);
        using var i = torch.ones(1, dtype);
        Tensor[] list = index == 1 ? [f, i] : [i, f];

        var act = () => group.AllReduce(list, ReduceOp.Avg);

        act.Should().Throw<ArgumentException>()
            .WithMessage($"AllReduce Avg: expected tensors of Float32, Float64, got {dtype} at index {index}*");
    }

    [Theory]
    [InlineData(ScalarType.Float16, false)]
    [InlineData(ScalarType.Bool, false)]
    [InlineData(ScalarType.Int16, true)]
    [InlineData(ScalarType.BFloat16, true)]
    public void Collectives_must_refuse_dtypes_they_cannot_carry(ScalarType dtype, bool broadcast)
    {
        using var group = new ProcessGroup("127.0.0.1", PeerProcess.FreePort(), 0, 1, Gloo.Patient);
        using var t = torch.ones(3, dtype);

        var act = () =>
        {
            if (broadcast) group.Broadcast(t, 0);
            else group.AllReduce(t);
        };

        act.Should().Throw<ArgumentException>()
            .WithMessage(broadcast
                ? $"Broadcast: expected tensors of Float32, Float64, Int32, Int64, Byte, Bool, got {dtype} at index 0*"
                : $"AllReduce: expected tensors of Float32, Float64, Int32, Int64, got {dtype} at index 0*");
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
        disposedTensor.Should().Throw<ObjectDisposedException>().WithMessage("AllReduce: the tensor at index 0 was disposed*");

        group.Dispose();
        using var live = torch.tensor(new float[] { 1 });
        var disposedGroup = () => group.Barrier();
        disposedGroup.Should().Throw<ObjectDisposedException>();
        var disposedAllReduce = () => group.AllReduce(live);
        disposedAllReduce.Should().Throw<ObjectDisposedException>();
        group.Dispose(); // a second Dispose is a no-op
    }

    [Theory]
    [InlineData("allreduce-sum")]
    [InlineData("allreduce-avg")]
    [InlineData("broadcast")]
    public void Collectives_must_leave_no_live_tensor_behind(string what)
    {
        using var group = new ProcessGroup("127.0.0.1", PeerProcess.FreePort(), 0, 1, Gloo.Patient);
        using var a = torch.ones(4, 6);
        using var at = a.t();
        using var b = torch.ones(5, ScalarType.Float64);
        using var c = torch.ones(3);
        using var d = torch.ones(2, ScalarType.Int64);
        Tensor[] list = what == "allreduce-avg" ? [at, b, c] : [at, b, c, d];
        Run(); // warm up whatever TorchSharp caches on first use
        var before = Tensor.TotalCount;

        for (var i = 0; i < 10; i++) Run();

        Tensor.TotalCount.Should().Be(before);
        return;

        void Run()
        {
            if (what == "broadcast") group.Broadcast(list, 0);
            else group.AllReduce(list, what == "allreduce-avg" ? ReduceOp.Avg : ReduceOp.Sum);
            group.AllReduce(c); // the in-place path (a lone contiguous tensor)
        }
    }
}
