using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Tests.Support;

/// <summary>Element-wise comparisons with a readable worst difference; <see cref="Close"/> returns that difference so specs can record it.</summary>
public static class TensorAssert
{
    /// <returns>The largest absolute difference seen (0 for equal tensors).</returns>
    public static double Close(Tensor actual, Tensor expected, double tolerance, string what)
    {
        actual.shape.Should().Equal(expected.shape, $"{what}: shapes must match");
        var a = actual.ToDoubles();
        var e = expected.ToDoubles();
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
        return worst;
    }

    public static void Equal(Tensor actual, Tensor expected, string what) => Close(actual, expected, 0, what);
}

/// <summary>The largest difference of a spec, over all the tensors it compared, written to the test output.</summary>
public sealed class WorstDifference(ITestOutputHelper output, string what)
{
    private readonly List<(string Name, double Diff)> seen = [];

    public double Max => seen.Count == 0 ? 0 : seen.Max(s => s.Diff);

    public double Close(Tensor actual, Tensor expected, double tolerance, string name)
    {
        var d = TensorAssert.Close(actual, expected, tolerance, name);
        seen.Add((name, d));
        return d;
    }

    public void Add(string name, double diff) => seen.Add((name, diff));

    /// <summary>Writes the worst difference (and where) to the test output.</summary>
    public void Report()
    {
        if (seen.Count == 0) return;
        var worst = seen.MaxBy(s => s.Diff);
        output.WriteLine($"{what}: largest abs difference {worst.Diff:E3} ({worst.Name}) over {seen.Count} comparisons");
    }
}
