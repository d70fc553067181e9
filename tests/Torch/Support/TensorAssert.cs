using TorchSharp;

namespace Troupe.Torch.Tests.Support;

/// <summary>Element-wise comparisons with a readable first difference.</summary>
public static class TensorAssert
{
    public static void Close(Tensor actual, Tensor expected, double tolerance, string what)
    {
        actual.shape.Should().Equal(expected.shape, $"{what}: shapes must match");
        var a = actual.to(ScalarType.Float64).data<double>();
        var e = expected.to(ScalarType.Float64).data<double>();
        var worst = 0.0;
        var at = -1;
        for (var i = 0; i < a.Length; i++)
        {
            var diff = Math.Abs(a[i] - e[i]);
            if (double.IsNaN(diff) || diff > worst)
            {
                worst = double.IsNaN(diff) ? double.PositiveInfinity : diff;
                at = i;
            }
        }
        worst.Should().BeLessThanOrEqualTo(tolerance, $"{what}: element {at} is {(at >= 0 ? a[at] : 0)}, expected {(at >= 0 ? e[at] : 0)}");
    }

    public static void Equal(Tensor actual, Tensor expected, string what) => Close(actual, expected, 0, what);
}
