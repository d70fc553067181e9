using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Torch.Tests.Tensors;

/// <summary>
/// Bad shapes and dtypes reach libtorch, whose C++ exception must come back as a TorchException
/// naming the native call and carrying libtorch's message, without killing the process or leaking
/// a tensor, and without leaving a stale error behind for the next call.
/// </summary>
[Collection("live-tensor-count")]
public class BadInputSpecs
{
    [Fact]
    public void Matmul_must_report_a_shape_mismatch_as_a_TorchException()
    {
        using var a = zeros([2, 3]);
        using var b = zeros([4, 5]);
        var act = () => a.matmul(b);
        act.Should().Throw<TorchException>()
            .Where(e => e.Call == "trp_ops_matmul" && e.NativeMessage.Contains("shapes cannot be multiplied (2x3 and 4x5)"));
    }

    [Fact]
    public void Add_must_report_shapes_that_do_not_broadcast()
    {
        using var a = zeros([2, 3]);
        using var b = zeros([4]);
        var act = () => a + b;
        act.Should().Throw<TorchException>()
            .WithMessage("*size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1*");
    }

    [Fact]
    public void Embedding_must_report_float_indices_as_a_wrong_dtype()
    {
        using var indices = zeros([3]);
        using var weight = zeros([5, 2]);
        var act = () => nn.functional.embedding(indices, weight);
        act.Should().Throw<TorchException>()
            .Where(e => e.Call == "trp_nn_embedding" && e.NativeMessage.Contains("'indices'") && e.NativeMessage.Contains("Float"));
    }

    [Fact]
    public void Cross_entropy_must_report_a_float_target_as_a_wrong_dtype()
    {
        using var logits = zeros([4, 3]);
        using var target = zeros([4]);
        var act = () => nn.functional.cross_entropy(logits, target);
        act.Should().Throw<TorchException>().WithMessage("*expected scalar type Long but found Float*");
    }

    [Fact]
    public void A_failed_call_must_leak_no_tensor_and_leave_the_next_call_working()
    {
        using var a = zeros([2, 3]);
        using var b = zeros([4, 5]);
        var baseline = Tensor.LiveCount;
        for (var i = 0; i < 100; i++)
        {
            var act = () => a.matmul(b);
            act.Should().Throw<TorchException>();
        }
        Tensor.LiveCount.Should().Be(baseline);
        using var t = a.matmul(zeros([3, 1]).DetachFromDisposeScope());
        t.shape.Should().Equal(2, 1);
    }

    [Fact]
    public void An_op_on_a_disposed_tensor_must_throw_ObjectDisposedException_naming_the_tensor()
    {
        using var a = zeros([2]);
        var b = zeros([2]);
        b.Dispose();
        var act = () => a + b;
        act.Should().Throw<ObjectDisposedException>().WithMessage("*tensor was disposed*");
    }
}
