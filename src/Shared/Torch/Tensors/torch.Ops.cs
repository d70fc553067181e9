using System.Buffers;
using TorchSharp.Native;

namespace TorchSharp;

// torch.* functions over several tensors, and functional mirrors of Tensor methods.
public static partial class torch
{
    /// <summary>Concatenates along an existing dimension; every other dimension must match.</summary>
    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    /// <summary>Joins along a new dimension; all shapes must be equal.</summary>
    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var n = tensors.Count;
        IntPtr[]? rented = null;
        Span<IntPtr> handles = n <= 64 ? stackalloc IntPtr[n] : (rented = ArrayPool<IntPtr>.Shared.Rent(n));
        try
        {
            Tensor.Handles(tensors, handles);
            fixed (IntPtr* h = handles)
            {
                var result = stack ? NativeMethods.trp_ops_stack(h, n, dim) : NativeMethods.trp_ops_cat(h, n, dim);
                GC.KeepAlive(tensors);
                return stack ? Tensor.From(result, "trp_ops_stack") : Tensor.From(result, "trp_ops_cat");
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<IntPtr>.Shared.Return(rented);
        }
    }

    /// <summary>Elementwise <c>condition ? a : b</c> with broadcasting.</summary>
    public static Tensor where(Tensor condition, Tensor a, Tensor b)
        => Keep(NativeMethods.trp_ops_where(condition.Ptr, a.Ptr, b.Ptr), condition, a, b);

    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor mm(Tensor a, Tensor b) => a.mm(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor eq(Tensor a, Tensor b) => a.eq(b);
    public static Tensor masked_fill(Tensor input, Tensor mask, Scalar value) => input.masked_fill(mask, value);
    public static Tensor clamp(Tensor input, double? min = null, double? max = null) => input.clamp(min, max);
    public static Tensor exp(Tensor input) => input.exp();
    public static Tensor log(Tensor input) => input.log();
    public static Tensor sqrt(Tensor input) => input.sqrt();
    public static Tensor abs(Tensor input) => input.abs();
    public static Tensor relu(Tensor input) => input.relu();
    public static Tensor tanh(Tensor input) => input.tanh();
    public static Tensor sigmoid(Tensor input) => input.sigmoid();
    public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);
    public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);
    public static Tensor sum(Tensor input) => input.sum();
    public static Tensor mean(Tensor input) => input.mean();
    public static Tensor argmax(Tensor input, long? dim = null, bool keepdim = false) => input.argmax(dim, keepdim);
    public static Tensor[] chunk(Tensor input, long chunks, long dim = 0) => input.chunk(chunks, dim);
    public static Tensor narrow(Tensor input, long dim, long start, long length) => input.narrow(dim, start, length);
    public static Tensor transpose(Tensor input, long dim0, long dim1) => input.transpose(dim0, dim1);
    public static Tensor flatten(Tensor input, long startDim = 0, long endDim = -1) => input.flatten(startDim, endDim);
    public static Tensor squeeze(Tensor input) => input.squeeze();
    public static Tensor unsqueeze(Tensor input, long dim) => input.unsqueeze(dim);
    public static Tensor index_select(Tensor input, long dim, Tensor index) => input.index_select(dim, index);
    public static bool allclose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8) => a.allclose(b, rtol, atol);
}
