using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// ops_shape.cpp: views, joins, splits, indexing. Multi-result ops fill a caller buffer and return the count.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_view(IntPtr a, long* shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_reshape(IntPtr a, long* shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_expand(IntPtr a, long* shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_permute(IntPtr a, long* dims, int n);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_repeat(IntPtr a, long* repeats, int n);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_flip(IntPtr a, long* dims, int n);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_flatten(IntPtr a, long start, long end);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_unflatten(IntPtr a, long dim, long* sizes, int n);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_transpose(IntPtr a, long d0, long d1);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_t(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_contiguous(IntPtr a);
    [LibraryImport(Lib)] internal static partial int trp_ops_is_contiguous(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_squeeze(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_squeeze_dim(IntPtr a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_unsqueeze(IntPtr a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_narrow(IntPtr a, long dim, long start, long length);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_select(IntPtr a, long dim, long index);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_slice(IntPtr a, long dim, long start, long end, long step);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_index_select(IntPtr a, long dim, IntPtr index);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_gather(IntPtr a, long dim, IntPtr index);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_scatter(IntPtr a, long dim, IntPtr index, IntPtr src);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_index(IntPtr a, IntPtr index);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_tril(IntPtr a, long diagonal);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_triu(IntPtr a, long diagonal);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_cat(IntPtr* list, int count, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_stack(IntPtr* list, int count, long dim);
    [LibraryImport(Lib)] internal static partial int trp_ops_chunk(IntPtr a, long chunks, long dim, IntPtr* output, int capacity);
    [LibraryImport(Lib)] internal static partial int trp_ops_split(IntPtr a, long size, long dim, IntPtr* output, int capacity);
    [LibraryImport(Lib)] internal static partial int trp_ops_split_sizes(IntPtr a, long* sizes, int n, long dim, IntPtr* output, int capacity);
    [LibraryImport(Lib)] internal static partial int trp_ops_unbind(IntPtr a, long dim, IntPtr* output, int capacity);
}
