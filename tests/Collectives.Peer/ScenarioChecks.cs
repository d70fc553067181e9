using static TorchSharp.torch;

namespace Troupe.Collectives.Peer;

/// <summary>The exact checks both the tests and the peers apply: null when the result is right, else what differs.</summary>
public static class ScenarioChecks
{
    /// <summary>Checks an allreduced <see cref="Scenario.Bucket"/> (values and the first tensor's shape).</summary>
    public static string? Bucket(Tensor[] bucket, int worldSize, int floats, bool average)
    {
        var what = $"allreduce of {floats} floats ({(average ? "avg" : "sum")}) over {worldSize}";
        if (!bucket[0].shape.SequenceEqual(new long[] { floats / 2 / 8, 8 })) return $"{what}: shape became [{string.Join(", ", bucket[0].shape)}]";
        return Floats(what, Scenario.Reduced(worldSize, floats, average), Scenario.Flatten(bucket));
    }

    /// <summary>Checks a summed <see cref="Scenario.Mixed"/> list: the base under the view holds the sum.</summary>
    public static string? Mixed(Tensor @base, Tensor[] list, int worldSize)
    {
        var what = $"allreduce of a mixed list over {worldSize}";
        var longs = Scenario.Elements<long>(list[1]);
        var sumOfRanks = Enumerable.Range(0, worldSize).Sum(r => (long)r);
        if (!longs.SequenceEqual(new[] { sumOfRanks, worldSize * (1L << 40), -sumOfRanks }))
            return $"{what}: int64 tensor is [{string.Join(", ", longs)}]";
        if (!list[0].shape.SequenceEqual(new long[] { 6, 4 }) || list[0].is_contiguous()) return $"{what}: the view changed";
        var third = Enumerable.Range(0, worldSize).Select(r => Scenario.Values(r + 5, 10))
            .Aggregate(new float[10], (sum, v) => sum.Zip(v, (a, b) => a + b).ToArray());
        return Floats($"{what} (base under the transposed view)", Scenario.Reduced(worldSize, 24, false), Scenario.Elements<float>(@base))
               ?? Floats($"{what} (contiguous float)", third, Scenario.Elements<float>(list[2]));
    }

    /// <summary>Checks a <see cref="Scenario.BroadcastSet"/> after a broadcast from <paramref name="src"/>.</summary>
    public static string? Broadcast(Tensor[] set, int src)
    {
        var expected = Scenario.BroadcastSet(src);
        try
        {
            var what = $"broadcast from {src}";
            for (var i = 0; i < set.Length; i++)
                if (!set[i].shape.SequenceEqual(expected[i].shape)) return $"{what}: tensor {i} has shape [{string.Join(", ", set[i].shape)}]";
            if (!Scenario.Elements<long>(set[1]).SequenceEqual(Scenario.Elements<long>(expected[1]))) return $"{what}: int64 tensor differs";
            if (!Scenario.Elements<bool>(set[3]).SequenceEqual(Scenario.Elements<bool>(expected[3]))) return $"{what}: bool tensor differs";
            return Floats(what, Scenario.Flatten([expected[0], expected[2]]), Scenario.Flatten([set[0], set[2]]));
        }
        finally
        {
            Scenario.DisposeAll(expected);
        }
    }

    private static string? Floats(string what, float[] expected, float[] actual)
    {
        var at = Scenario.FirstMismatch(expected, actual);
        if (at < 0) return null;
        return $"{what}: element {at} of {expected.Length} should be {(at < expected.Length ? expected[at] : float.NaN)}, " +
               $"got {(at < actual.Length ? actual[at] : float.NaN)}";
    }
}
