using TorchSharp.Native;

namespace TorchSharp;

// Reductions, sorting and selection.
public partial class Tensor
{
    /// <summary>Sum of all elements (integer and bool tensors sum to int64, as in PyTorch).</summary>
    public Tensor sum(ScalarType? dtype = null) => Wrap(NativeMethods.trp_ops_sum(Ptr, dtype.HasValue ? (int)dtype.Value : -1));

    public unsafe Tensor sum(ReadOnlySpan<long> dims, bool keepdim = false, ScalarType? dtype = null)
    {
        fixed (long* d = dims) return Wrap(NativeMethods.trp_ops_sum_dims(Ptr, d, dims.Length, keepdim ? 1 : 0, dtype.HasValue ? (int)dtype.Value : -1));
    }

    public Tensor sum(long dim, bool keepdim = false) => sum([dim], keepdim);

    public Tensor mean() => Wrap(NativeMethods.trp_ops_mean(Ptr));

    public unsafe Tensor mean(ReadOnlySpan<long> dims, bool keepdim = false)
    {
        fixed (long* d = dims) return Wrap(NativeMethods.trp_ops_mean_dims(Ptr, d, dims.Length, keepdim ? 1 : 0));
    }

    public Tensor mean(long dim, bool keepdim = false) => mean([dim], keepdim);
    public Tensor prod() => Wrap(NativeMethods.trp_ops_prod(Ptr));
    /// <summary>The largest element (a 0-d tensor).</summary>
    public Tensor max() => Wrap(NativeMethods.trp_ops_max(Ptr));
    public Tensor min() => Wrap(NativeMethods.trp_ops_min(Ptr));

    /// <summary>Largest values along <paramref name="dim"/> and their indices.</summary>
    public unsafe (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        IntPtr v, i;
        NativeError.Check(NativeMethods.trp_ops_max_dim(Ptr, dim, keepdim ? 1 : 0, &v, &i));
        GC.KeepAlive(this);
        return (new Tensor(v), new Tensor(i));
    }

    public unsafe (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        IntPtr v, i;
        NativeError.Check(NativeMethods.trp_ops_min_dim(Ptr, dim, keepdim ? 1 : 0, &v, &i));
        GC.KeepAlive(this);
        return (new Tensor(v), new Tensor(i));
    }

    /// <summary>Index of the largest element along <paramref name="dim"/> (null: of the flattened tensor).</summary>
    public Tensor argmax(long? dim = null, bool keepdim = false)
        => Wrap(NativeMethods.trp_ops_argmax(Ptr, dim.HasValue ? 1 : 0, dim ?? 0, keepdim ? 1 : 0));

    public Tensor argmin(long? dim = null, bool keepdim = false)
        => Wrap(NativeMethods.trp_ops_argmin(Ptr, dim.HasValue ? 1 : 0, dim ?? 0, keepdim ? 1 : 0));

    /// <summary>Standard deviation over <paramref name="dims"/> (empty: every element).</summary>
    public unsafe Tensor std(ReadOnlySpan<long> dims = default, bool unbiased = true, bool keepdim = false)
    {
        fixed (long* d = dims) return Wrap(NativeMethods.trp_ops_std(Ptr, d, dims.Length, unbiased ? 1 : 0, keepdim ? 1 : 0));
    }

    public unsafe Tensor var(ReadOnlySpan<long> dims = default, bool unbiased = true, bool keepdim = false)
    {
        fixed (long* d = dims) return Wrap(NativeMethods.trp_ops_var(Ptr, d, dims.Length, unbiased ? 1 : 0, keepdim ? 1 : 0));
    }

    /// <summary>The p-norm of all elements (p = +inf: max-abs).</summary>
    public Tensor norm(double p = 2) => Wrap(NativeMethods.trp_ops_norm(Ptr, p));

    public unsafe Tensor logsumexp(long dim, bool keepdim = false)
    {
        var dims = stackalloc long[1] { dim };
        return Wrap(NativeMethods.trp_ops_logsumexp(Ptr, dims, 1, keepdim ? 1 : 0));
    }

    public Tensor cumsum(long dim) => Wrap(NativeMethods.trp_ops_cumsum(Ptr, dim));
    public Tensor all() => Wrap(NativeMethods.trp_ops_all(Ptr));
    public Tensor any() => Wrap(NativeMethods.trp_ops_any(Ptr));

    /// <summary>True when every pair is within <c>atol + rtol * |other|</c> (NaN never matches).</summary>
    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        using var close = Wrap(NativeMethods.trp_ops_allclose_mask(Ptr, other.Ptr, rtol, atol), other);
        using var all = close.all();
        return all.item<bool>();
    }

    public unsafe (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        IntPtr v, i;
        NativeError.Check(NativeMethods.trp_ops_topk(Ptr, k, dim, largest ? 1 : 0, sorted ? 1 : 0, &v, &i));
        GC.KeepAlive(this);
        return (new Tensor(v), new Tensor(i));
    }

    public unsafe (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false)
    {
        IntPtr v, i;
        NativeError.Check(NativeMethods.trp_ops_sort(Ptr, dim, descending ? 1 : 0, &v, &i));
        GC.KeepAlive(this);
        return (new Tensor(v), new Tensor(i));
    }

    public Tensor argsort(long dim = -1, bool descending = false) => Wrap(NativeMethods.trp_ops_argsort(Ptr, dim, descending ? 1 : 0));
}
