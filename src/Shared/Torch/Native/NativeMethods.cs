using System.Runtime.InteropServices;

namespace TorchSharp.Native;

/// <summary>
/// P/Invoke declarations of libtroupe_native.so, split per area in partial files named after the
/// C++ source they bind. Raw results must go through <see cref="NativeError.Check(IntPtr, string)"/>.
/// </summary>
internal static partial class NativeMethods
{
    internal const string Lib = "troupe_native";

    [LibraryImport(Lib)]
    internal static partial IntPtr trp_error_take();
}
