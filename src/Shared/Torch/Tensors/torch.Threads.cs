using TorchSharp.Native;

namespace TorchSharp;

// libtorch's thread pools. For small models one intra-op thread per trial is fastest.
public static partial class torch
{
    public static int get_num_threads() => NativeError.Check(NativeMethods.trp_threads_get_num_threads());

    /// <summary>
    /// Sets libtorch's intra-op threads and, when the BLAS doing its GEMMs is OpenBLAS (Debian's libtorch), OpenBLAS's
    /// own pool too: left at one thread per core, its spinning workers are shared by every trial in the process.
    /// </summary>
    public static void set_num_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), $"set_num_threads: expected a thread count >= 1, got {threads}");
        NativeError.Check(NativeMethods.trp_threads_set_num_threads(threads));
    }

    /// <summary>OpenBLAS's thread count, or null when libtorch's BLAS is not OpenBLAS.</summary>
    public static int? get_blas_num_threads() => NativeError.Check(NativeMethods.trp_threads_get_blas_threads()) is var n && n > 0 ? n : null;

    public static int get_num_interop_threads() => NativeError.Check(NativeMethods.trp_threads_get_num_interop_threads());

    /// <summary>Allowed once, before any inter-op work started (libtorch's rule).</summary>
    public static void set_num_interop_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), $"set_num_interop_threads: expected a thread count >= 1, got {threads}");
        NativeError.Check(NativeMethods.trp_threads_set_num_interop_threads(threads));
    }
}
