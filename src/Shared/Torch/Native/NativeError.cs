using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchSharp.Native;

/// <summary>
/// The one place where a native failure becomes a <see cref="TorchException"/>. Native functions
/// return NULL (handles) or -1 (status) on failure and leave a per-thread message behind.
/// </summary>
internal static class NativeError
{
    public static IntPtr Check(IntPtr handle, [CallerArgumentExpression(nameof(handle))] string call = "")
    {
        if (handle == IntPtr.Zero) Throw(call);
        return handle;
    }

    public static int Check(int status, [CallerArgumentExpression(nameof(status))] string call = "")
    {
        if (status < 0) Throw(call);
        return status;
    }

    public static long Check(long status, [CallerArgumentExpression(nameof(status))] string call = "")
    {
        if (status < 0) Throw(call);
        return status;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(string call)
    {
        var message = Marshal.PtrToStringUTF8(NativeMethods.trp_error_take()) ?? "native call failed without a message";
        throw new TorchException(CallName(call), FirstLine(message));
    }

    // "NativeMethods.trp_ops_add(a, b)" -> "trp_ops_add"
    private static string CallName(string expression)
    {
        var start = expression.IndexOf("trp_", StringComparison.Ordinal);
        if (start < 0) return expression;
        var end = expression.IndexOf('(', start);
        return end < 0 ? expression[start..] : expression[start..end];
    }

    // libtorch appends C++ frames after the first lines; keep the readable part.
    private static string FirstLine(string message)
    {
        var cut = message.IndexOf("\nException raised from", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).Trim();
    }
}
