using System.Runtime.CompilerServices;
using TorchSharp.Native;

namespace TorchSharp;

// Wrapping native results. Ops pass raw handles (no per-call marshalling cost), so every operand
// is kept reachable until the native call returned: otherwise a temporary could be finalized, and
// its at::Tensor freed, while libtorch still reads it.
public partial class Tensor
{
    private Tensor Wrap(IntPtr result, [CallerArgumentExpression(nameof(result))] string call = "")
    {
        GC.KeepAlive(this);
        return From(result, call);
    }

    private Tensor Wrap(IntPtr result, Tensor other, [CallerArgumentExpression(nameof(result))] string call = "")
    {
        GC.KeepAlive(this);
        GC.KeepAlive(other);
        return From(result, call);
    }

    private Tensor Wrap(IntPtr result, Tensor? a, Tensor? b, [CallerArgumentExpression(nameof(result))] string call = "")
    {
        GC.KeepAlive(this);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        return From(result, call);
    }

    /// <summary>Checks the status of an in-place op on this tensor and returns this tensor.</summary>
    private Tensor InPlace(int status, [CallerArgumentExpression(nameof(status))] string call = "")
    {
        GC.KeepAlive(this);
        NativeError.Check(status, call);
        return this;
    }

    private Tensor InPlace(int status, Tensor other, [CallerArgumentExpression(nameof(status))] string call = "")
    {
        GC.KeepAlive(this);
        GC.KeepAlive(other);
        NativeError.Check(status, call);
        return this;
    }

    /// <summary>Wraps the handles written by a multi-result op (<paramref name="count"/> of them).</summary>
    internal static unsafe Tensor[] WrapAll(IntPtr* handles, int count)
    {
        var result = new Tensor[count];
        for (var i = 0; i < count; i++) result[i] = new Tensor(handles[i]);
        return result;
    }

    /// <summary>The native handles of <paramref name="tensors"/>, written to <paramref name="destination"/>.</summary>
    internal static void Handles(IReadOnlyList<Tensor> tensors, Span<IntPtr> destination)
    {
        for (var i = 0; i < tensors.Count; i++)
            destination[i] = (tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"expected a tensor at index {i}, got null")).Ptr;
    }
}
