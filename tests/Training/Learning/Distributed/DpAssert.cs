using Troupe.Training.DpPeer;

namespace Troupe.Training.Tests.Learning.Distributed;

/// <summary>Comparisons of data-parallel results with the single-replica reference, naming what differs.</summary>
internal static class DpAssert
{
    /// <summary>Per-epoch train_loss, valid_loss and accuracy within <paramref name="tolerance"/>, and every weight too.</summary>
    public static void SameAsReference(DpResult actual, DpResult reference, double tolerance)
    {
        actual.Epochs.Should().HaveCount(reference.Epochs.Count, $"rank {actual.Rank} of {actual.WorldSize}: epochs");
        for (var e = 0; e < reference.Epochs.Count; e++)
        {
            var (a, r) = (actual.Epochs[e], reference.Epochs[e]);
            var what = $"rank {actual.Rank} of {actual.WorldSize}, epoch {e}";
            a.TrainLoss.Should().BeApproximately(r.TrainLoss, tolerance, $"{what}: train_loss");
            a.ValidLoss.Should().BeApproximately(r.ValidLoss, tolerance, $"{what}: valid_loss");
            a.Accuracy.Should().BeApproximately(r.Accuracy, tolerance, $"{what}: accuracy");
        }
        WeightsWithin(actual, reference, tolerance);
    }

    /// <summary>Same parameter names; largest element difference at most <paramref name="tolerance"/>.</summary>
    public static void WeightsWithin(DpResult actual, DpResult reference, double tolerance)
    {
        actual.Weights.Keys.Should().BeEquivalentTo(reference.Weights.Keys);
        foreach (var (name, expected) in reference.Weights)
        {
            var got = actual.Weights[name];
            got.Should().HaveCount(expected.Length, name);
            var worst = expected.Select((v, i) => Math.Abs((double)v - got[i])).Max();
            worst.Should().BeLessThanOrEqualTo(tolerance, $"rank {actual.Rank} of {actual.WorldSize}: largest difference of {name}");
        }
    }

    /// <summary>The largest differences from the reference: (train_loss, valid_loss, accuracy, any weight element).</summary>
    public static (double Train, double Valid, double Accuracy, double Weight) Deviation(DpResult actual, DpResult reference)
    {
        var pairs = actual.Epochs.Zip(reference.Epochs).ToList();
        var weight = reference.Weights.Max(kv => kv.Value.Select((v, i) => Math.Abs((double)v - actual.Weights[kv.Key][i])).Max());
        return (pairs.Max(p => Math.Abs(p.First.TrainLoss - p.Second.TrainLoss)), pairs.Max(p => Math.Abs(p.First.ValidLoss - p.Second.ValidLoss)),
            pairs.Max(p => Math.Abs(p.First.Accuracy - p.Second.Accuracy)), weight);
    }

    /// <summary>Bit-identical rows and weights: the replicas of one group step identically.</summary>
    public static void Identical(DpResult a, DpResult b)
    {
        a.Epochs.Select(e => (e.TrainLoss, e.ValidLoss, e.Accuracy)).Should().Equal(b.Epochs.Select(e => (e.TrainLoss, e.ValidLoss, e.Accuracy)),
            $"ranks {a.Rank} and {b.Rank}: epoch rows");
        foreach (var (name, w) in a.Weights) b.Weights[name].Should().Equal(w, $"ranks {a.Rank} and {b.Rank}: {name}");
    }
}
