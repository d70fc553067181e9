using TorchSharp.Native;
using static TorchSharp.torch;

namespace TorchSharp.Modules;

/// <summary>
/// Parameter initialization as torch.nn.init does it: same bounds computed the same way (double
/// precision), same generator draws, so a seeded model equals PyTorch's seeded model.
/// </summary>
internal static class Init
{
    /// <summary>A fresh uninitialized parameter (requires grad) of the given shape.</summary>
    public static unsafe Parameter Empty(ReadOnlySpan<long> shape, Device? device, ScalarType? dtype)
    {
        var d = device ?? Device.CPU;
        var type = (int)(dtype ?? ScalarType.Float32);
        fixed (long* s = shape)
        {
            var handle = NativeError.Check(NativeMethods.trp_ops_empty(s, shape.Length, type, (int)d.Type, d.Index, 1));
            return new Parameter(handle);
        }
    }

    public static void Uniform(Tensor tensor, double from, double to)
    {
        using (no_grad()) tensor.uniform_(from, to);
    }

    /// <summary>kaiming_uniform_ with fan_in mode and leaky_relu gain for slope <paramref name="a"/>.</summary>
    public static void KaimingUniform(Tensor tensor, double a)
    {
        var shape = tensor.shape;
        if (shape.Length < 2) throw new ArgumentException($"kaiming_uniform_: expected at least 2 dimensions, got {shape.Length}");
        long receptive = 1;
        for (var i = 2; i < shape.Length; i++) receptive *= shape[i];
        var fanIn = shape[1] * receptive;
        var gain = Math.Sqrt(2.0 / (1 + Math.Pow(a, 2)));
        var std = gain / Math.Sqrt(fanIn);
        var bound = Math.Sqrt(3.0) * std;
        Uniform(tensor, -bound, bound);
    }
}
