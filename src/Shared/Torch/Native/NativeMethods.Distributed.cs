using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// distributed.cpp
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr trp_dist_new(string host, int port, int rank, int worldSize, long timeoutMs, string? localAddress);
    [LibraryImport(Lib)] internal static partial void trp_dist_free(IntPtr group);
    [LibraryImport(Lib)] internal static partial int trp_dist_allreduce(IntPtr group, IntPtr* tensors, int count, int op);
    [LibraryImport(Lib)] internal static partial int trp_dist_broadcast(IntPtr group, IntPtr* tensors, int count, int root);
    [LibraryImport(Lib)] internal static partial int trp_dist_barrier(IntPtr group);
}
