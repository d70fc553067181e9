using TorchSharp.Native;

namespace TorchSharp;

// libtorch's thread pools. For small models one intra-op thread per trial is fastest.
public static partial class torch
{
    public static int get_num_threads() => NativeError.Check(NativeMethods.trp_threads_get_num_threads());

    public static void set_num_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), $"set_num_threads: expected a thread count >= 1, got {threads}");
        NativeError.Check(NativeMethods.trp_threads_set_num_threads(threads));
    }

    public static int get_num_interop_threads() => NativeError.Check(NativeMethods.trp_threads_get_num_interop_threads());

    /// <summary>Allowed once, before any inter-op work started (libtorch's rule).</summary>
    public static void set_num_interop_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), $"set_num_interop_threads: expected a thread count >= 1, got {threads}");
        NativeError.Check(NativeMethods.trp_threads_set_num_interop_threads(threads));
    }
}
