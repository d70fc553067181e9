using TorchSharp.Native;

namespace TorchSharp;

/// <summary>
/// The <c>torch</c> namespace: factories, ops, autograd switches. Areas live in partial files
/// (<c>torch.Ops.cs</c>, <c>torch.Random.cs</c>, ...).
/// </summary>
public static partial class torch
{
    public static readonly ScalarType float32 = ScalarType.Float32;
    public static readonly ScalarType float64 = ScalarType.Float64;
    public static readonly ScalarType int64 = ScalarType.Int64;
    public static readonly ScalarType @bool = ScalarType.Bool;
    public static readonly Device CPU = Device.CPU;

    /// <summary>Opens a dispose scope on this thread; dispose it to free what was created inside.</summary>
    public static DisposeScope NewDisposeScope() => new();

    public static Device device(string text) => Device.Parse(text);

    /// <summary>Creates a tensor by copying <paramref name="data"/> (row-major) into the given shape.</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[] shape, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"tensor: dimensions must be >= 0, got [{string.Join(", ", shape)}]", nameof(shape));
            count *= d;
        }
        if (count != data.Length)
            throw new ArgumentException($"tensor: shape [{string.Join(", ", shape)}] needs {count} elements, got {data.Length}", nameof(data));
        var dev = device ?? Device.CPU;
        fixed (T* p = data)
        fixed (long* s = shape)
            return Tensor.From(NativeMethods.trp_tensor_from_data(p, s, shape.Length, (int)Tensor.ElementTypeOf<T>(),
                (int)dev.Type, dev.Index, requires_grad ? 1 : 0));
    }

    public static Tensor tensor<T>(T[] data, long[] shape, Device? device = null, bool requires_grad = false) where T : unmanaged
        => tensor<T>(data.AsSpan(), shape, device, requires_grad);

    /// <summary>A 1-d tensor holding <paramref name="data"/>.</summary>
    public static Tensor tensor<T>(T[] data, Device? device = null, bool requires_grad = false) where T : unmanaged
        => tensor<T>(data.AsSpan(), new long[] { data.Length }, device, requires_grad);

    public static bool is_grad_enabled() => NativeMethods.trp_autograd_is_grad_enabled() == 1;

    /// <summary>Disables gradient recording until the returned guard is disposed (<c>torch.no_grad()</c>).</summary>
    public static GradModeGuard no_grad() => new(false);

    public static GradModeGuard enable_grad() => new(true);
}

/// <summary>Restores the previous grad mode when disposed.</summary>
public readonly struct GradModeGuard : IDisposable
{
    private readonly bool previous;

    internal GradModeGuard(bool enabled)
        => previous = NativeError.Check(NativeMethods.trp_autograd_set_grad_enabled(enabled ? 1 : 0)) == 1;

    public void Dispose() => NativeMethods.trp_autograd_set_grad_enabled(previous ? 1 : 0);
}
