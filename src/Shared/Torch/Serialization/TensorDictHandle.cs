using System.Runtime.InteropServices;
using TorchSharp.Native;

namespace TorchSharp;

/// <summary>A loaded name -> tensor list held by the native side (<c>trp_tensor_dict</c>).</summary>
internal sealed class TensorDictHandle : SafeHandle
{
    private TensorDictHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Wraps a native result, turning NULL into a <see cref="TorchException"/>.</summary>
    public static TensorDictHandle From(IntPtr handle, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(handle))] string call = "")
        => new(NativeError.Check(handle, call));

    /// <summary>Copies the entries out in file order; each tensor is a new handle the caller owns.</summary>
    public OrderedDictionary<string, Tensor> ToDictionary()
    {
        var count = NativeError.Check(NativeMethods.trp_serialize_dict_count(handle));
        var result = new OrderedDictionary<string, Tensor>(count, StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var name = Marshal.PtrToStringUTF8(NativeError.Check(NativeMethods.trp_serialize_dict_name(handle, i)))!;
                result.Add(name, Tensor.From(NativeMethods.trp_serialize_dict_tensor(handle, i)));
            }
        }
        catch
        {
            foreach (var tensor in result.Values) tensor.Dispose();
            throw;
        }
        return result;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.trp_serialize_dict_free(handle);
        return true;
    }
}
