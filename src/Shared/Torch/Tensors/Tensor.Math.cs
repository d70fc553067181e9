using TorchSharp.Native;

namespace TorchSharp;

// Unary math and activations.
public partial class Tensor
{
    public Tensor neg() => Wrap(NativeMethods.trp_ops_neg(Ptr));
    public Tensor abs() => Wrap(NativeMethods.trp_ops_abs(Ptr));
    public Tensor exp() => Wrap(NativeMethods.trp_ops_exp(Ptr));
    public Tensor log() => Wrap(NativeMethods.trp_ops_log(Ptr));
    public Tensor log1p() => Wrap(NativeMethods.trp_ops_log1p(Ptr));
    public Tensor sqrt() => Wrap(NativeMethods.trp_ops_sqrt(Ptr));
    public Tensor rsqrt() => Wrap(NativeMethods.trp_ops_rsqrt(Ptr));
    public Tensor square() => Wrap(NativeMethods.trp_ops_square(Ptr));
    public Tensor sin() => Wrap(NativeMethods.trp_ops_sin(Ptr));
    public Tensor cos() => Wrap(NativeMethods.trp_ops_cos(Ptr));
    public Tensor tanh() => Wrap(NativeMethods.trp_ops_tanh(Ptr));
    public Tensor sigmoid() => Wrap(NativeMethods.trp_ops_sigmoid(Ptr));
    public Tensor relu() => Wrap(NativeMethods.trp_ops_relu(Ptr));
    public Tensor gelu() => Wrap(NativeMethods.trp_ops_gelu(Ptr));
    public Tensor silu() => Wrap(NativeMethods.trp_ops_silu(Ptr));
    public Tensor leaky_relu(double negativeSlope = 0.01) => Wrap(NativeMethods.trp_ops_leaky_relu(Ptr, negativeSlope));
    public Tensor floor() => Wrap(NativeMethods.trp_ops_floor(Ptr));
    public Tensor ceil() => Wrap(NativeMethods.trp_ops_ceil(Ptr));
    public Tensor round() => Wrap(NativeMethods.trp_ops_round(Ptr));
    public Tensor sign() => Wrap(NativeMethods.trp_ops_sign(Ptr));
    public Tensor reciprocal() => Wrap(NativeMethods.trp_ops_reciprocal(Ptr));
    public Tensor isnan() => Wrap(NativeMethods.trp_ops_isnan(Ptr));
    public Tensor isinf() => Wrap(NativeMethods.trp_ops_isinf(Ptr));
    /// <summary>A copy with its own storage (autograd flows back to this tensor).</summary>
    public Tensor clone() => Wrap(NativeMethods.trp_ops_clone(Ptr));
    /// <summary>Limits elements to [min, max]; a null bound is open.</summary>
    public Tensor clamp(double? min = null, double? max = null)
        => Wrap(NativeMethods.trp_ops_clamp(Ptr, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));
    public Tensor softmax(long dim) => Wrap(NativeMethods.trp_nn_softmax(Ptr, dim));
    public Tensor log_softmax(long dim) => Wrap(NativeMethods.trp_nn_log_softmax(Ptr, dim));

    /// <summary>Converts to <paramref name="type"/> (same tensor when it already has it).</summary>
    public Tensor to(ScalarType type, bool copy = false) => Wrap(NativeMethods.trp_ops_to(Ptr, (int)type, -1, 0, copy ? 1 : 0));
    /// <summary>Moves to <paramref name="target"/> (same tensor when it is already there).</summary>
    public Tensor to(Device target, bool copy = false) => Wrap(NativeMethods.trp_ops_to(Ptr, -1, (int)target.Type, target.Index, copy ? 1 : 0));
    public Tensor to(Device target, ScalarType type, bool copy = false)
        => Wrap(NativeMethods.trp_ops_to(Ptr, (int)type, (int)target.Type, target.Index, copy ? 1 : 0));
    public Tensor cpu() => to(Device.CPU);
    public Tensor cuda(int index = -1) => to(new Device(DeviceType.CUDA, index));
    public Tensor @float() => to(ScalarType.Float32);
    public Tensor @long() => to(ScalarType.Int64);
    public Tensor @bool() => to(ScalarType.Bool);
}
