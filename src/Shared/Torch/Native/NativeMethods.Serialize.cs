using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// serialize.cpp
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int trp_serialize_save_file(IntPtr* names, IntPtr* tensors, int count, string path);
    [LibraryImport(Lib)] internal static partial IntPtr trp_serialize_save_bytes(IntPtr* names, IntPtr* tensors, int count);
    [LibraryImport(Lib)] internal static partial int trp_serialize_bytes_view(IntPtr bytes, void** data, long* size);
    [LibraryImport(Lib)] internal static partial void trp_serialize_bytes_free(IntPtr bytes);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr trp_serialize_load_file(string path);
    [LibraryImport(Lib)] internal static partial IntPtr trp_serialize_load_bytes(void* data, long size);
    [LibraryImport(Lib)] internal static partial int trp_serialize_dict_count(IntPtr dict);
    [LibraryImport(Lib)] internal static partial IntPtr trp_serialize_dict_name(IntPtr dict, int index);
    [LibraryImport(Lib)] internal static partial IntPtr trp_serialize_dict_tensor(IntPtr dict, int index);
    [LibraryImport(Lib)] internal static partial void trp_serialize_dict_free(IntPtr dict);
}
