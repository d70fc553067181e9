using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Tests.Support;

/// <summary>
/// A tensor's values as a plain array (a copy). TorchSharp's <c>data&lt;T&gt;()</c> is a view over the tensor's
/// memory that dies with it; specs keep values past the scope that frees the tensor, so they copy. The
/// intermediate tensors (detach, dtype, contiguous) are freed here, so live-tensor counts are not disturbed.
/// </summary>
internal static class TensorData
{
    public static float[] ToFloats(this Tensor t) => Copy<float>(t, ScalarType.Float32);

    public static double[] ToDoubles(this Tensor t) => Copy<double>(t, ScalarType.Float64);

    public static long[] ToLongs(this Tensor t) => Copy<long>(t, ScalarType.Int64);

    private static T[] Copy<T>(Tensor t, ScalarType type) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(t);
        using var scope = NewDisposeScope();
        return t.detach().cpu().to(type).contiguous().data<T>().ToArray();
    }
}
