using TorchSharp.Native;

namespace TorchSharp;

// Views, reshaping and indexing. Views share storage with this tensor.
public partial class Tensor
{
    /// <summary>A view with <paramref name="shape"/> (one entry may be -1); needs compatible strides.</summary>
    public unsafe Tensor view(params ReadOnlySpan<long> shape)
    {
        fixed (long* s = shape) return Wrap(NativeMethods.trp_ops_view(Ptr, s, shape.Length));
    }

    /// <summary>Like <see cref="view"/>, copying when the strides do not allow a view.</summary>
    public unsafe Tensor reshape(params ReadOnlySpan<long> shape)
    {
        fixed (long* s = shape) return Wrap(NativeMethods.trp_ops_reshape(Ptr, s, shape.Length));
    }

    /// <summary>Broadcasts size-1 dimensions to <paramref name="shape"/> (-1 keeps a size) without copying.</summary>
    public unsafe Tensor expand(params ReadOnlySpan<long> shape)
    {
        fixed (long* s = shape) return Wrap(NativeMethods.trp_ops_expand(Ptr, s, shape.Length));
    }

    public unsafe Tensor permute(params ReadOnlySpan<long> dims)
    {
        fixed (long* s = dims) return Wrap(NativeMethods.trp_ops_permute(Ptr, s, dims.Length));
    }

    /// <summary>Tiles the tensor (a copy): <c>repeats[i]</c> times along dimension i.</summary>
    public unsafe Tensor repeat(params ReadOnlySpan<long> repeats)
    {
        fixed (long* s = repeats) return Wrap(NativeMethods.trp_ops_repeat(Ptr, s, repeats.Length));
    }

    public unsafe Tensor flip(params ReadOnlySpan<long> dims)
    {
        fixed (long* s = dims) return Wrap(NativeMethods.trp_ops_flip(Ptr, s, dims.Length));
    }

    public unsafe Tensor unflatten(long dim, params ReadOnlySpan<long> sizes)
    {
        fixed (long* s = sizes) return Wrap(NativeMethods.trp_ops_unflatten(Ptr, dim, s, sizes.Length));
    }

    public Tensor view_as(Tensor other) => view(other.shape);
    public Tensor expand_as(Tensor other) => expand(other.shape);
    public Tensor flatten(long startDim = 0, long endDim = -1) => Wrap(NativeMethods.trp_ops_flatten(Ptr, startDim, endDim));
    public Tensor transpose(long dim0, long dim1) => Wrap(NativeMethods.trp_ops_transpose(Ptr, dim0, dim1));
    /// <summary>Transpose of a tensor with at most 2 dimensions.</summary>
    public Tensor t() => Wrap(NativeMethods.trp_ops_t(Ptr));
    public Tensor contiguous() => Wrap(NativeMethods.trp_ops_contiguous(Ptr));
    public bool is_contiguous() { var r = NativeError.Check(NativeMethods.trp_ops_is_contiguous(Ptr)) == 1; GC.KeepAlive(this); return r; }
    /// <summary>Drops every size-1 dimension.</summary>
    public Tensor squeeze() => Wrap(NativeMethods.trp_ops_squeeze(Ptr));
    /// <summary>Drops dimension <paramref name="dim"/> when its size is 1 (otherwise the same shape).</summary>
    public Tensor squeeze(long dim) => Wrap(NativeMethods.trp_ops_squeeze_dim(Ptr, dim));
    public Tensor unsqueeze(long dim) => Wrap(NativeMethods.trp_ops_unsqueeze(Ptr, dim));
    /// <summary>Elements [start, start + length) along <paramref name="dim"/> (a view).</summary>
    public Tensor narrow(long dim, long start, long length) => Wrap(NativeMethods.trp_ops_narrow(Ptr, dim, start, length));
    /// <summary>Index <paramref name="index"/> of dimension <paramref name="dim"/>, which disappears (a view).</summary>
    public Tensor select(long dim, long index) => Wrap(NativeMethods.trp_ops_select(Ptr, dim, index));
    /// <summary>Python's <c>[start:end:step]</c> along <paramref name="dim"/> (a view; end is clamped).</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => Wrap(NativeMethods.trp_ops_slice(Ptr, dim, start, end, step));
    public Tensor index_select(long dim, Tensor index) => Wrap(NativeMethods.trp_ops_index_select(Ptr, dim, index.Ptr), index);
    public Tensor gather(long dim, Tensor index) => Wrap(NativeMethods.trp_ops_gather(Ptr, dim, index.Ptr), index);
    public Tensor scatter(long dim, Tensor index, Tensor src) => Wrap(NativeMethods.trp_ops_scatter(Ptr, dim, index.Ptr, src.Ptr), index, src);
    /// <summary>Lower triangle (elements above the <paramref name="diagonal"/> become 0).</summary>
    public Tensor tril(long diagonal = 0) => Wrap(NativeMethods.trp_ops_tril(Ptr, diagonal));
    public Tensor triu(long diagonal = 0) => Wrap(NativeMethods.trp_ops_triu(Ptr, diagonal));

    /// <summary><c>t[i]</c>: row <paramref name="index"/> of the first dimension (a view).</summary>
    public Tensor this[long index] => select(0, index);

    /// <summary><c>t[index]</c> with an int64 (gather rows) or bool (mask) tensor.</summary>
    public Tensor this[Tensor index] => Wrap(NativeMethods.trp_ops_index(Ptr, index.Ptr), index);

    /// <summary>Splits into at most <paramref name="chunks"/> nearly equal views along <paramref name="dim"/>.</summary>
    public unsafe Tensor[] chunk(long chunks, long dim = 0)
    {
        if (chunks < 1) throw new ArgumentOutOfRangeException(nameof(chunks), $"chunk: expected chunks >= 1, got {chunks}");
        var capacity = (int)Math.Min(chunks, int.MaxValue);
        Span<IntPtr> handles = capacity <= 64 ? stackalloc IntPtr[capacity] : new IntPtr[capacity];
        fixed (IntPtr* h = handles)
        {
            var n = NativeError.Check(NativeMethods.trp_ops_chunk(Ptr, chunks, dim, h, capacity));
            GC.KeepAlive(this);
            return WrapAll(h, n);
        }
    }

    /// <summary>Views of <paramref name="size"/> elements along <paramref name="dim"/> (the last may be shorter).</summary>
    public unsafe Tensor[] split(long size, long dim = 0)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), $"split: expected a size >= 1, got {size}");
        var length = this.size((int)dim);
        var capacity = (int)Math.Max(1, (length + size - 1) / size);
        var handles = new IntPtr[capacity];
        fixed (IntPtr* h = handles)
        {
            var n = NativeError.Check(NativeMethods.trp_ops_split(Ptr, size, dim, h, capacity));
            GC.KeepAlive(this);
            return WrapAll(h, n);
        }
    }

    /// <summary>Views with the given sizes along <paramref name="dim"/> (they must add up to its size).</summary>
    public unsafe Tensor[] split(ReadOnlySpan<long> sizes, long dim = 0)
    {
        var handles = new IntPtr[Math.Max(1, sizes.Length)];
        fixed (long* s = sizes)
        fixed (IntPtr* h = handles)
        {
            var n = NativeError.Check(NativeMethods.trp_ops_split_sizes(Ptr, s, sizes.Length, dim, h, handles.Length));
            GC.KeepAlive(this);
            return WrapAll(h, n);
        }
    }

    /// <summary>Every index of <paramref name="dim"/> as its own view (the dimension disappears).</summary>
    public unsafe Tensor[] unbind(long dim = 0)
    {
        var handles = new IntPtr[Math.Max(1, size((int)dim))];
        fixed (IntPtr* h = handles)
        {
            var n = NativeError.Check(NativeMethods.trp_ops_unbind(Ptr, dim, h, handles.Length));
            GC.KeepAlive(this);
            return WrapAll(h, n);
        }
    }
}
