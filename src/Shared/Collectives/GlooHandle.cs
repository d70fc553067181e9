using System.Runtime.InteropServices;

namespace Troupe.Collectives;

/// <summary>Owns a trp_gloo_group. A call in flight holds a reference (DangerousAddRef), so a concurrent
/// Dispose frees the group only after that call returned.</summary>
internal sealed class GlooHandle : SafeHandle
{
    public GlooHandle(IntPtr group) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(group);

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Runs <paramref name="call"/> on the live group; returns its status (0 = success).</summary>
    public int Invoke(Func<IntPtr, int> call)
    {
        if (IsClosed) throw new ObjectDisposedException(nameof(ProcessGroup), "the process group was disposed");
        var added = false;
        try
        {
            DangerousAddRef(ref added);
            return call(handle);
        }
        finally
        {
            if (added) DangerousRelease();
        }
    }

    protected override bool ReleaseHandle()
    {
        GlooNative.trp_gloo_free(handle);
        return true;
    }
}
