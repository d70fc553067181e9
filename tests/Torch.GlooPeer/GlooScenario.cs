using TorchSharp;

namespace Troupe.Torch.GlooPeer;

/// <summary>
/// The data both ranks of a Gloo test use, computed the same way in the test and in the peer so
/// each side can check the exact result. Values are multiples of 1/4 below 2^10: sums and means of
/// two ranks are exact in float32.
/// </summary>
public static class GlooScenario
{
    /// <summary>The allreduce cases, in the order both ranks run them: 1 KB and 25 MB buckets, sum and average.</summary>
    public static readonly (int Floats, bool Average)[] AllReduceCases =
        [(256, false), (256, true), (25 * 1024 * 1024 / sizeof(float), false), (25 * 1024 * 1024 / sizeof(float), true)];

    /// <summary>A bucket of float32 tensors (three shapes) holding <paramref name="floats"/> elements in all.</summary>
    public static Tensor[] Bucket(int rank, int floats)
    {
        var values = Values(rank, floats);
        var first = floats / 2 / 8 * 8;
        var second = floats / 4;
        var third = floats - first - second;
        return
        [
            torch.tensor(values.AsSpan(0, first), new long[] { first / 8, 8 }),
            torch.tensor(values.AsSpan(first, second), new long[] { second }),
            torch.tensor(values.AsSpan(first + second, third), new long[] { third }),
        ];
    }

    /// <summary>The element values rank <paramref name="rank"/> contributes, flattened in bucket order.</summary>
    public static float[] Values(int rank, int floats)
    {
        var values = new float[floats];
        for (var i = 0; i < floats; i++) values[i] = ((i * 7 + rank * 13) % 1024) * 0.25f - 100f;
        return values;
    }

    /// <summary>What every rank holds after the allreduce of <see cref="Bucket"/> over <paramref name="worldSize"/> ranks.</summary>
    public static float[] Reduced(int worldSize, int floats, bool average)
    {
        var result = new float[floats];
        for (var r = 0; r < worldSize; r++)
        {
            var v = Values(r, floats);
            for (var i = 0; i < floats; i++) result[i] += v[i];
        }
        if (average)
            for (var i = 0; i < floats; i++) result[i] /= worldSize;
        return result;
    }

    /// <summary>The tensors a rank broadcasts (mixed dtypes: two buckets), filled with its own rank's values.</summary>
    public static Tensor[] BroadcastSet(int rank) =>
    [
        torch.tensor(Values(rank, 300), new long[] { 30, 10 }),
        torch.tensor(new long[] { rank, rank * 1000L, -rank, long.MaxValue - rank }),
        torch.tensor(Values(rank, 7)),
    ];

    /// <summary>Concatenates the elements of float tensors in order.</summary>
    public static float[] Flatten(IEnumerable<Tensor> tensors) => tensors.SelectMany(t => t.data<float>()).ToArray();

    /// <summary>Index of the first element that differs, or -1.</summary>
    public static int FirstMismatch(float[] expected, float[] actual)
    {
        if (expected.Length != actual.Length) return Math.Min(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i])) return i;
        return -1;
    }
}
