using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// ops_factory.cpp: factories with dtype, device and requires_grad.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_zeros(long* shape, int n, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_ones(long* shape, int n, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_empty(long* shape, int n, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_full(long* shape, int n, double value, int integral, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_arange(double start, double end, double step, int integral, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_linspace(double start, double end, long steps, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_eye(long n, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_zeros_like(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_ones_like(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_empty_like(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_full_like(IntPtr a, double value, int integral);
}
