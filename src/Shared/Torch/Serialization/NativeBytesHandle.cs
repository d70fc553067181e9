using System.Runtime.InteropServices;
using TorchSharp.Native;

namespace TorchSharp;

/// <summary>A byte buffer owned by the native side (<c>trp_bytes</c>), e.g. a serialized archive.</summary>
internal sealed class NativeBytesHandle : SafeHandle
{
    private NativeBytesHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static NativeBytesHandle From(IntPtr handle, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(handle))] string call = "")
        => new(NativeError.Check(handle, call));

    /// <summary>Writes the bytes to <paramref name="destination"/> (in chunks: archives may exceed 2 GB).</summary>
    public unsafe void WriteTo(Stream destination)
    {
        void* data;
        long size;
        NativeError.Check(NativeMethods.trp_serialize_bytes_view(handle, &data, &size));
        const int chunk = 1 << 20;
        for (long offset = 0; offset < size; offset += chunk)
            destination.Write(new ReadOnlySpan<byte>((byte*)data + offset, (int)Math.Min(chunk, size - offset)));
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.trp_serialize_bytes_free(handle);
        return true;
    }
}
