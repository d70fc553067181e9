using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// threads.cpp and cuda.cpp: thread pools and device discovery.
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int trp_threads_get_num_threads();
    [LibraryImport(Lib)] internal static partial int trp_threads_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int trp_threads_get_blas_threads();
    [LibraryImport(Lib)] internal static partial int trp_threads_get_num_interop_threads();
    [LibraryImport(Lib)] internal static partial int trp_threads_set_num_interop_threads(int n);
    [LibraryImport(Lib)] internal static partial int trp_cuda_is_available();
    [LibraryImport(Lib)] internal static partial int trp_cuda_device_count();
    [LibraryImport(Lib)] internal static partial int trp_cuda_manual_seed_all(ulong seed);
    [LibraryImport(Lib)] internal static partial int trp_cuda_synchronize(int deviceIndex);
}
