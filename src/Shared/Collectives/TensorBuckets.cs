using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Collectives;

/// <summary>
/// Turns a list of tensors into one flat, contiguous 1-D buffer per dtype (in order of first appearance: a model's
/// gradients form one bucket), so a list costs one collective per dtype, not one per tensor. A lone contiguous
/// tensor is its own buffer (a view: the collective works in place); otherwise the buffer is a copy, written back
/// element for element afterwards, which also covers non-contiguous tensors.
/// </summary>
internal static class TensorBuckets
{
    /// <summary>Dtypes whose memory <see cref="DataPointer"/> can reach (TorchSharp's typed storages).</summary>
    public static readonly ScalarType[] Addressable =
        [ScalarType.Float32, ScalarType.Float64, ScalarType.Int32, ScalarType.Int64, ScalarType.Byte, ScalarType.Bool];

    /// <summary>Dtypes Gloo can sum, with their libtroupe_gloo codes.</summary>
    public static int? SumCode(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => GlooNative.Float32,
        ScalarType.Float64 => GlooNative.Float64,
        ScalarType.Int32 => GlooNative.Int32,
        ScalarType.Int64 => GlooNative.Int64,
        _ => null,
    };

    /// <summary>
    /// Refuses what a collective cannot take: a null or disposed tensor, one off the CPU, a sparse one, or a dtype
    /// outside <paramref name="allowed"/>. Messages name the operation, what was expected, what came and its index.
    /// </summary>
    public static void Check(IReadOnlyList<Tensor> tensors, string operation, IReadOnlyCollection<ScalarType> allowed)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"{operation}: expected a tensor at index {i}, got null");
            if (t.IsInvalid) throw new ObjectDisposedException(nameof(Tensor), $"{operation}: the tensor at index {i} was disposed");
            if (t.device_type != DeviceType.CPU)
                throw new ArgumentException($"{operation}: expected CPU tensors, got a {t.device_type} tensor at index {i}", nameof(tensors));
            if (t.is_sparse)
                throw new ArgumentException($"{operation}: expected dense tensors, got a sparse tensor at index {i}", nameof(tensors));
            if (!allowed.Contains(t.dtype))
                throw new ArgumentException(
                    $"{operation}: expected tensors of {string.Join(", ", allowed)}, got {t.dtype} at index {i}", nameof(tensors));
        }
    }

    /// <summary>
    /// Calls <paramref name="collective"/> once per dtype bucket with a contiguous 1-D tensor whose memory it may
    /// read and overwrite (empty buckets are skipped); then, when <paramref name="writeBack"/>, copies each bucket's
    /// values back into its tensors. Temporaries live in a dispose scope per bucket: nothing outlives the call.
    /// </summary>
    public static void Run(IReadOnlyList<Tensor> tensors, bool writeBack, Action<Tensor> collective)
    {
        using var noGrad = torch.no_grad(); // parameters (leaves that require grad) are written in place
        foreach (var bucket in ByDtype(tensors))
        {
            using var scope = torch.NewDisposeScope();
            if (bucket.Count == 1 && tensors[bucket[0]].is_contiguous())
            {
                var only = tensors[bucket[0]];
                if (only.numel() > 0) collective(only.view(-1));
                continue;
            }
            var flat = torch.cat(bucket.Select(i => tensors[i].reshape(-1)).ToArray(), 0);
            if (flat.numel() == 0) continue;
            collective(flat);
            if (!writeBack) continue;
            long offset = 0;
            foreach (var i in bucket)
            {
                var target = tensors[i];
                var n = target.numel();
                target.copy_(flat.narrow(0, offset, n).view_as(target));
                offset += n;
            }
        }
    }

    /// <summary>Address of the first element of a contiguous tensor of an <see cref="Addressable"/> dtype.</summary>
    public static IntPtr DataPointer(Tensor contiguous) => contiguous.dtype switch
    {
        ScalarType.Float32 => Address<float>(contiguous),
        ScalarType.Float64 => Address<double>(contiguous),
        ScalarType.Int32 => Address<int>(contiguous),
        ScalarType.Int64 => Address<long>(contiguous),
        ScalarType.Byte => Address<byte>(contiguous),
        ScalarType.Bool => Address<bool>(contiguous),
        var other => throw new ArgumentException($"expected a tensor of {string.Join(", ", Addressable)}, got {other}"),
    };

    // storage<T>() gives the storage's base (via an alias tensor that the caller's dispose scope frees); the tensor
    // starts storage_offset elements in.
    private static unsafe IntPtr Address<T>(Tensor t) where T : unmanaged =>
        t.storage<T>().data_ptr() + (nint)(t.storage_offset() * sizeof(T));

    private static List<List<int>> ByDtype(IReadOnlyList<Tensor> tensors)
    {
        var buckets = new List<List<int>>();
        for (var i = 0; i < tensors.Count; i++)
        {
            var bucket = buckets.FirstOrDefault(b => tensors[b[0]].dtype == tensors[i].dtype);
            if (bucket is null) buckets.Add([i]);
            else bucket.Add(i);
        }
        return buckets;
    }
}
