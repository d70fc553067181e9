using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// tensor.cpp
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial void trp_tensor_free(IntPtr h);
    [LibraryImport(Lib)] internal static partial IntPtr trp_tensor_from_data(void* data, long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial int trp_tensor_copy_to(IntPtr h, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static partial int trp_tensor_ndim(IntPtr h);
    [LibraryImport(Lib)] internal static partial int trp_tensor_shape(IntPtr h, long* shape);
    [LibraryImport(Lib)] internal static partial int trp_tensor_strides(IntPtr h, long* strides);
    [LibraryImport(Lib)] internal static partial long trp_tensor_numel(IntPtr h);
    [LibraryImport(Lib)] internal static partial int trp_tensor_dtype(IntPtr h);
    [LibraryImport(Lib)] internal static partial int trp_tensor_device(IntPtr h, int* type, int* index);
    [LibraryImport(Lib)] internal static partial int trp_tensor_requires_grad(IntPtr h);
    [LibraryImport(Lib)] internal static partial int trp_tensor_set_requires_grad(IntPtr h, int value);
    [LibraryImport(Lib)] internal static partial int trp_tensor_grad(IntPtr h, IntPtr* grad);
    [LibraryImport(Lib)] internal static partial int trp_tensor_set_grad(IntPtr h, IntPtr grad);
    [LibraryImport(Lib)] internal static partial IntPtr trp_tensor_detach(IntPtr h);
    [LibraryImport(Lib)] internal static partial int trp_tensor_detach_(IntPtr h);
    [LibraryImport(Lib)] internal static partial int trp_tensor_backward(IntPtr h, IntPtr grad, int retainGraph);
    [LibraryImport(Lib)] internal static partial int trp_tensor_zero_(IntPtr h);
    [LibraryImport(Lib)] internal static partial int trp_tensor_item_double(IntPtr h, double* value);
    [LibraryImport(Lib)] internal static partial int trp_tensor_item_long(IntPtr h, long* value);
    [LibraryImport(Lib)] internal static partial int trp_tensor_is_same(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial int trp_tensor_set_data(IntPtr h, IntPtr data);
    [LibraryImport(Lib)] internal static partial int trp_tensor_is_leaf(IntPtr h);
    [LibraryImport(Lib)] internal static partial int trp_tensor_element_size(IntPtr h);
    [LibraryImport(Lib)] internal static partial int trp_autograd_set_grad_enabled(int enabled);
    [LibraryImport(Lib)] internal static partial int trp_autograd_is_grad_enabled();
}
