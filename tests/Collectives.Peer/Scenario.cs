using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Collectives.Peer;

/// <summary>
/// The data every rank of a collectives test uses, computed the same way in the test and in the peers so each
/// side can check the exact result. Values are multiples of 1/4 below 2^10: sums over up to 3 ranks are exact in
/// float32 whatever the order, and an average is that exact sum divided once (as the group does).
/// </summary>
public static class Scenario
{
    /// <summary>The allreduce cases, in the order every rank runs them: 1 KB and 25 MB buckets, sum and average.</summary>
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
            torch.tensor(values[..first], new long[] { first / 8, 8 }),
            torch.tensor(values[first..(first + second)], new long[] { second }),
            torch.tensor(values[(first + second)..], new long[] { third }),
        ];
    }

    /// <summary>The element values rank <paramref name="rank"/> contributes, flattened in bucket order.</summary>
    public static float[] Values(int rank, int floats)
    {
        var values = new float[floats];
        for (var i = 0; i < floats; i++) values[i] = ((i * 7 + rank * 13) % 1024) * 0.25f - 100f;
        return values;
    }

    /// <summary>What every rank holds after the allreduce of <see cref="Values"/> over <paramref name="worldSize"/> ranks.</summary>
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

    /// <summary>
    /// A mixed list: a non-contiguous float view (the transpose of a 4x6 base, which must receive the result), an
    /// int64 tensor (a second bucket) and a contiguous float tensor. Returns the base too.
    /// </summary>
    public static (Tensor Base, Tensor[] List) Mixed(int rank)
    {
        var @base = torch.tensor(Values(rank, 24), new long[] { 4, 6 });
        return (@base, [@base.t(), torch.tensor(new long[] { rank, 1L << 40, -rank }), torch.tensor(Values(rank + 5, 10))]);
    }

    /// <summary>The tensors a rank broadcasts (float, int64, a non-contiguous float view, bool): three buckets.</summary>
    public static Tensor[] BroadcastSet(int rank) =>
    [
        torch.tensor(Values(rank, 300), new long[] { 30, 10 }),
        torch.tensor(new long[] { rank, rank * 1000L, -rank, long.MaxValue - rank }),
        torch.tensor(Values(rank, 12), new long[] { 3, 4 }).t(),
        torch.tensor(new[] { rank % 2 == 0, rank % 2 == 1, true }),
    ];

    /// <summary>Every element of <paramref name="tensor"/> in logical (row-major) order, whatever its strides.</summary>
    public static T[] Elements<T>(Tensor tensor) where T : unmanaged
    {
        using var contiguous = tensor.contiguous();
        return contiguous.data<T>().ToArray();
    }

    /// <summary>Concatenates the elements of float tensors in order.</summary>
    public static float[] Flatten(IEnumerable<Tensor> tensors) => tensors.SelectMany(Elements<float>).ToArray();

    /// <summary>Index of the first element that differs bit for bit, or -1.</summary>
    public static int FirstMismatch(float[] expected, float[] actual)
    {
        if (expected.Length != actual.Length) return Math.Min(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i])) return i;
        return -1;
    }

    public static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (var tensor in tensors) tensor.Dispose();
    }
}
