using System.Runtime.InteropServices;
using TorchSharp.Native;

namespace TorchSharp;

/// <summary>
/// A libtorch tensor. The handle is released deterministically by <see cref="IDisposable.Dispose"/>
/// or by the innermost <see cref="DisposeScope"/> open when the tensor was created (finalization
/// is only a safety net). Ops live in the partial files beside this one.
/// </summary>
public partial class Tensor : SafeHandle
{
    private static long live;

    internal Tensor(IntPtr handle) : this(handle, scoped: true)
    {
    }

    /// <summary>Wraps an owned handle; <paramref name="scoped"/> = false keeps it out of dispose scopes (parameters).</summary>
    private protected Tensor(IntPtr handle, bool scoped) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
        Interlocked.Increment(ref live);
        if (scoped) DisposeScope.Current?.Add(this);
    }

    /// <summary>Tensors created and not yet released, process-wide (tests assert it returns to a baseline).</summary>
    public static long LiveCount => Interlocked.Read(ref live);

    internal DisposeScope? Scope { get; set; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The native handle; throws <see cref="ObjectDisposedException"/> after disposal.</summary>
    internal IntPtr Ptr
    {
        get
        {
            if (IsClosed) throw new ObjectDisposedException(nameof(Tensor), "the tensor was disposed (directly or by its dispose scope)");
            return handle;
        }
    }

    /// <summary>Wraps a handle returned by a native call, turning NULL into a <see cref="TorchException"/>.</summary>
    internal static Tensor From(IntPtr handle, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(handle))] string call = "")
        => new(NativeError.Check(handle, call));

    protected override bool ReleaseHandle()
    {
        NativeMethods.trp_tensor_free(handle);
        Interlocked.Decrement(ref live);
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Scope is { } scope)
        {
            scope.Remove(this);
            Scope = null;
        }
        base.Dispose(disposing);
    }

    /// <summary>Moves the tensor to the scope enclosing its own (or out of scopes) and returns it.</summary>
    public Tensor MoveToOuterDisposeScope() => Scope is { } s ? s.MoveToOuter(this) : this;

    /// <summary>Takes the tensor out of any dispose scope; the caller now disposes it.</summary>
    public Tensor DetachFromDisposeScope() => Scope is { } s ? s.Detach(this) : this;

    public unsafe long[] shape
    {
        get
        {
            var n = NativeError.Check(NativeMethods.trp_tensor_ndim(Ptr));
            var result = new long[n];
            fixed (long* p = result) NativeError.Check(NativeMethods.trp_tensor_shape(Ptr, p));
            return result;
        }
    }

    public unsafe long[] stride()
    {
        var n = NativeError.Check(NativeMethods.trp_tensor_ndim(Ptr));
        var result = new long[n];
        fixed (long* p = result) NativeError.Check(NativeMethods.trp_tensor_strides(Ptr, p));
        return result;
    }

    public long Dimensions => NativeError.Check(NativeMethods.trp_tensor_ndim(Ptr));

    public long dim() => Dimensions;

    public long size(int dim)
    {
        var s = shape;
        var d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length)
            throw new ArgumentOutOfRangeException(nameof(dim), $"size: dim must be in [{-s.Length}, {s.Length - 1}], got {dim}");
        return s[d];
    }

    public long numel() => NativeError.Check(NativeMethods.trp_tensor_numel(Ptr));

    public ScalarType dtype => (ScalarType)NativeError.Check(NativeMethods.trp_tensor_dtype(Ptr));

    public unsafe Device device
    {
        get
        {
            int type, index;
            NativeError.Check(NativeMethods.trp_tensor_device(Ptr, &type, &index));
            return new Device((DeviceType)type, index);
        }
    }

    public bool requires_grad
    {
        get => NativeError.Check(NativeMethods.trp_tensor_requires_grad(Ptr)) == 1;
        set => NativeError.Check(NativeMethods.trp_tensor_set_requires_grad(Ptr, value ? 1 : 0));
    }

    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

    /// <summary>The accumulated gradient (a new handle on the same storage), or null before any backward.</summary>
    public unsafe Tensor? grad
    {
        get
        {
            IntPtr g;
            NativeError.Check(NativeMethods.trp_tensor_grad(Ptr, &g));
            return g == IntPtr.Zero ? null : new Tensor(g);
        }
        set => NativeError.Check(NativeMethods.trp_tensor_set_grad(Ptr, value?.Ptr ?? IntPtr.Zero));
    }

    /// <summary>A new tensor on the same storage, cut from the autograd graph.</summary>
    public Tensor detach() => Wrap(NativeMethods.trp_tensor_detach(Ptr));

    public Tensor detach_() => InPlace(NativeMethods.trp_tensor_detach_(Ptr));

    /// <summary>Accumulates gradients into the leaves; a non-scalar output needs <paramref name="gradient"/>.</summary>
    public void backward(Tensor? gradient = null, bool retainGraph = false)
    {
        NativeError.Check(NativeMethods.trp_tensor_backward(Ptr, gradient?.Ptr ?? IntPtr.Zero, retainGraph ? 1 : 0));
        GC.KeepAlive(this);
        GC.KeepAlive(gradient);
    }

    /// <summary>Replaces this tensor's data (same identity, autograd metadata kept), as <c>param.data = value</c>.</summary>
    public Tensor set_data(Tensor value)
    {
        NativeError.Check(NativeMethods.trp_tensor_set_data(Ptr, value.Ptr));
        GC.KeepAlive(value);
        return this;
    }

    /// <summary>True for tensors created by the user (not by an op recorded by autograd).</summary>
    public bool is_leaf => NativeError.Check(NativeMethods.trp_tensor_is_leaf(Ptr)) == 1;

    public long element_size() => NativeError.Check(NativeMethods.trp_tensor_element_size(Ptr));

    public Tensor zero_() => InPlace(NativeMethods.trp_tensor_zero_(Ptr));

    /// <summary>True when both refer to the same tensor implementation (not merely equal values).</summary>
    public bool IsSame(Tensor other) => NativeError.Check(NativeMethods.trp_tensor_is_same(Ptr, other.Ptr)) == 1;

    public unsafe T item<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            double v;
            NativeError.Check(NativeMethods.trp_tensor_item_double(Ptr, &v));
            return typeof(T) == typeof(float) ? (T)(object)(float)v : (T)(object)v;
        }
        long l;
        NativeError.Check(NativeMethods.trp_tensor_item_long(Ptr, &l));
        if (typeof(T) == typeof(long)) return (T)(object)l;
        if (typeof(T) == typeof(int)) return (T)(object)checked((int)l);
        if (typeof(T) == typeof(bool)) return (T)(object)(l != 0);
        throw new NotSupportedException($"item<{typeof(T).Name}>: expected float, double, long, int or bool");
    }

    /// <summary>Copies the elements, row-major, into a new array of the tensor's element type.</summary>
    public unsafe T[] data<T>() where T : unmanaged
    {
        var expected = ElementTypeOf<T>();
        var actual = dtype;
        if (expected != actual)
            throw new TorchException("data", $"expected a tensor of dtype {expected} for {typeof(T).Name}, got {actual}");
        var result = new T[numel()];
        fixed (T* p = result) NativeError.Check(NativeMethods.trp_tensor_copy_to(Ptr, p, (long)result.Length * sizeof(T)));
        return result;
    }

    internal static ScalarType ElementTypeOf<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? ScalarType.Float32
        : typeof(T) == typeof(long) ? ScalarType.Int64
        : typeof(T) == typeof(bool) ? ScalarType.Bool
        : typeof(T) == typeof(double) ? ScalarType.Float64
        : typeof(T) == typeof(int) ? ScalarType.Int32
        : typeof(T) == typeof(byte) ? ScalarType.UInt8
        : throw new NotSupportedException($"element type {typeof(T).Name}: expected float, double, long, int, byte or bool");

    public override string ToString()
        => IsClosed ? "Tensor(disposed)" : $"Tensor([{string.Join(", ", shape)}], {dtype}, {device})";
}
