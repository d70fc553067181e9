using TorchSharp.Native;

namespace TorchSharp;

// Factories: each takes a dtype (default float32), a device (default CPU) and requires_grad.
public static partial class torch
{
    public static unsafe Tensor zeros(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var (t, d) = (DType(dtype), device ?? Device.CPU);
        fixed (long* s = size) return Tensor.From(NativeMethods.trp_ops_zeros(s, size.Length, t, (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    public static unsafe Tensor ones(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var (t, d) = (DType(dtype), device ?? Device.CPU);
        fixed (long* s = size) return Tensor.From(NativeMethods.trp_ops_ones(s, size.Length, t, (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    /// <summary>Uninitialized memory: every element must be written before it is read.</summary>
    public static unsafe Tensor empty(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var (t, d) = (DType(dtype), device ?? Device.CPU);
        fixed (long* s = size) return Tensor.From(NativeMethods.trp_ops_empty(s, size.Length, t, (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    /// <summary>Filled with <paramref name="value"/>; without a dtype it is int64 for an integral value, else float32.</summary>
    public static unsafe Tensor full(ReadOnlySpan<long> size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var t = (int)(dtype ?? (value.IsIntegral ? ScalarType.Int64 : ScalarType.Float32));
        var d = device ?? Device.CPU;
        fixed (long* s = size)
            return Tensor.From(NativeMethods.trp_ops_full(s, size.Length, value.Value, value.Integral, t, (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    /// <summary>[start, end) by step; int64 unless a bound or the step is floating or a dtype is given.</summary>
    public static Tensor arange(Scalar start, Scalar end, Scalar step, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var integral = start.IsIntegral && end.IsIntegral && step.IsIntegral;
        var t = (int)(dtype ?? (integral ? ScalarType.Int64 : ScalarType.Float32));
        var d = device ?? Device.CPU;
        return Tensor.From(NativeMethods.trp_ops_arange(start.Value, end.Value, step.Value, integral ? 1 : 0, t, (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    public static Tensor arange(Scalar start, Scalar end, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        => arange(start, end, 1, dtype, device, requires_grad);

    public static Tensor arange(Scalar end, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        => arange(0, end, 1, dtype, device, requires_grad);

    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.From(NativeMethods.trp_ops_linspace(start, end, steps, DType(dtype), (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    public static Tensor eye(long n, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.From(NativeMethods.trp_ops_eye(n, DType(dtype), (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    /// <summary>A 0-d tensor (float32 for a floating value, int64 for an integral one, unless dtype says otherwise).</summary>
    public static Tensor tensor(Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        => full([], value, dtype, device, requires_grad);

    public static Tensor zeros_like(Tensor other) => Keep(NativeMethods.trp_ops_zeros_like(other.Ptr), other);
    public static Tensor ones_like(Tensor other) => Keep(NativeMethods.trp_ops_ones_like(other.Ptr), other);
    public static Tensor empty_like(Tensor other) => Keep(NativeMethods.trp_ops_empty_like(other.Ptr), other);
    public static Tensor full_like(Tensor other, Scalar value) => Keep(NativeMethods.trp_ops_full_like(other.Ptr, value.Value, value.Integral), other);

    private static int DType(ScalarType? dtype) => (int)(dtype ?? ScalarType.Float32);

    /// <summary>Wraps a native result, keeping the operands reachable until the call returned.</summary>
    internal static Tensor Keep(IntPtr result, Tensor a, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(result))] string call = "")
    {
        GC.KeepAlive(a);
        return Tensor.From(result, call);
    }

    internal static Tensor Keep(IntPtr result, Tensor a, Tensor? b, Tensor? c = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(result))] string call = "")
    {
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(c);
        return Tensor.From(result, call);
    }
}
