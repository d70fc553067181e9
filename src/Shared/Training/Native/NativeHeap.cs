using System.Runtime.InteropServices;

namespace Troupe.Training.Native;

/// <summary>
/// Keeps glibc's malloc from handing libtorch's big tensor buffers back to the kernel after every use, once per
/// process. libtorch's CPU allocator is plain <c>posix_memalign</c>/<c>free</c>; glibc serves every block above
/// <c>M_MMAP_THRESHOLD</c> (at most 32 MB) with a fresh <c>mmap</c> and unmaps it on free, and trims the heap top
/// above <c>M_TRIM_THRESHOLD</c>. A training step of AWD-LSTM on WikiText-2 (bs 80, bptt 70, vocab 6,936) frees
/// and re-allocates logits-sized blocks (155 MB) dozens of times, so every step page-faulted gigabytes of fresh
/// zeroed pages: measured in bench/DataParallel, 18.8 s a step of which most was system time, 3.1 s with the heap
/// kept (docs/benchmarks.md). Serving every block from the heap and never trimming it is what PyTorch users get
/// from <c>LD_PRELOAD</c>ed jemalloc/tcmalloc or PyTorch's caching allocators on GPUs: the process keeps its peak
/// working set (RSS does not shrink after a peak) and reuses it, step after step.
/// </summary>
internal static partial class NativeHeap
{
    // glibc's mallopt parameters (malloc.h).
    private const int MTrimThreshold = -1;
    private const int MTopPad = -2;
    private const int MMmapMax = -4;

    private static readonly Lazy<bool> Kept = new(Keep);

    /// <summary>True once glibc keeps freed blocks; false where the C library is not glibc (nothing changed).</summary>
    public static bool EnsureKept() => Kept.Value;

    private static bool Keep()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // mallopt returns 1 on success, 0 on error. No mmap'd blocks: big buffers come from the heap and return
            // to it; a trim threshold of int.MaxValue (2 GiB) above the top of the heap is never reached by one free.
            var ok = MallOpt(MMmapMax, 0) == 1;
            ok &= MallOpt(MTrimThreshold, int.MaxValue) == 1;
            ok &= MallOpt(MTopPad, 64 << 20) == 1;
            return ok;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MallOpt(int param, int value);
}
