using TorchSharp;

namespace Troupe.Torch.Tests.Tensors;

[Collection("live-tensor-count")]
public class TensorLifetimeSpecs
{
    [Fact]
    public void Tensor_must_round_trip_data_and_shape()
    {
        using var t = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        t.shape.Should().Equal(2, 3);
        t.dtype.Should().Be(ScalarType.Float32);
        t.device.Type.Should().Be(DeviceType.CPU);
        t.data<float>().Should().Equal(1, 2, 3, 4, 5, 6);
        t.stride().Should().Equal(3, 1);
    }

    [Fact]
    public void DisposeScope_must_free_inner_tensors_and_keep_moved_ones()
    {
        var baseline = Tensor.LiveCount;
        Tensor kept;
        using (torch.NewDisposeScope())
        {
            _ = torch.tensor(new long[] { 1, 2 });
            using (var inner = torch.NewDisposeScope())
            {
                _ = torch.tensor(new float[] { 1 });
                kept = inner.MoveToOuter(torch.tensor(new float[] { 2 }));
            }
            Tensor.LiveCount.Should().Be(baseline + 2);
            kept.DetachFromDisposeScope();
        }
        Tensor.LiveCount.Should().Be(baseline + 1);
        kept.Dispose();
        Tensor.LiveCount.Should().Be(baseline);
    }

    [Fact]
    public void Tensor_must_throw_ObjectDisposedException_after_dispose()
    {
        var t = torch.tensor(new float[] { 1 });
        t.Dispose();
        var act = () => t.shape;
        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Data_must_refuse_a_mismatched_element_type()
    {
        using var t = torch.tensor(new long[] { 1, 2 });
        var act = () => t.data<float>();
        act.Should().Throw<TorchException>().WithMessage("*expected a tensor of dtype Float32*got Int64*");
    }

    [Fact]
    public void Backward_without_grad_must_be_a_TorchException()
    {
        using var t = torch.tensor(new float[] { 1, 2 });
        var act = () => t.backward(t);
        act.Should().Throw<TorchException>().Where(e => e.Call == "trp_tensor_backward" && e.Message.Contains("does not require grad"));
    }
}
