using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// ops_reduce.cpp: reductions, sorting, selection. dtype < 0 keeps libtorch's default.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_sum(IntPtr a, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_sum_dims(IntPtr a, long* dims, int n, int keepdim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_mean(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_mean_dims(IntPtr a, long* dims, int n, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_prod(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_max(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_min(IntPtr a);
    [LibraryImport(Lib)] internal static partial int trp_ops_max_dim(IntPtr a, long dim, int keepdim, IntPtr* values, IntPtr* indices);
    [LibraryImport(Lib)] internal static partial int trp_ops_min_dim(IntPtr a, long dim, int keepdim, IntPtr* values, IntPtr* indices);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_argmax(IntPtr a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_argmin(IntPtr a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_std(IntPtr a, long* dims, int n, int unbiased, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_var(IntPtr a, long* dims, int n, int unbiased, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_norm(IntPtr a, double p);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_logsumexp(IntPtr a, long* dims, int n, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_cumsum(IntPtr a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_all(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_any(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_allclose_mask(IntPtr a, IntPtr b, double rtol, double atol);
    [LibraryImport(Lib)] internal static partial int trp_ops_topk(IntPtr a, long k, long dim, int largest, int sorted, IntPtr* values, IntPtr* indices);
    [LibraryImport(Lib)] internal static partial int trp_ops_sort(IntPtr a, long dim, int descending, IntPtr* values, IntPtr* indices);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_argsort(IntPtr a, long dim, int descending);
}
