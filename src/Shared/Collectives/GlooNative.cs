using System.Runtime.InteropServices;

namespace Troupe.Collectives;

/// <summary>The C ABI of libtroupe_gloo.so (src/Native/include/troupe_gloo.h): 0 / non-null on success,
/// -1 / null on failure with the message in <see cref="trp_gloo_last_error"/> on the same thread.</summary>
internal static partial class GlooNative
{
    private const string Lib = "troupe_gloo";

    /// <summary>Element type codes of <see cref="trp_gloo_allreduce"/>.</summary>
    internal const int Float32 = 0, Float64 = 1, Int32 = 2, Int64 = 3;

    [LibraryImport(Lib)] internal static partial IntPtr trp_gloo_last_error();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr trp_gloo_new(string host, int port, int rank, int worldSize, long timeoutMs, string? localAddress);

    [LibraryImport(Lib)] internal static partial void trp_gloo_free(IntPtr group);

    [LibraryImport(Lib)] internal static partial int trp_gloo_allreduce(IntPtr group, IntPtr data, long count, int dtype);

    [LibraryImport(Lib)] internal static partial int trp_gloo_broadcast(IntPtr group, IntPtr data, long bytes, int root);

    [LibraryImport(Lib)] internal static partial int trp_gloo_barrier(IntPtr group);

    /// <summary>The message of this thread's last failed call.</summary>
    internal static string LastError() =>
        Marshal.PtrToStringUTF8(trp_gloo_last_error()) ?? "unknown failure (libtroupe_gloo reported no message)";
}
