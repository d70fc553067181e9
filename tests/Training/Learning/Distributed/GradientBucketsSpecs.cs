using TorchSharp;
using TorchSharp.Modules;
using Troupe.Training.Learning;
using Troupe.Training.Tests.Support;

namespace Troupe.Training.Tests.Learning.Distributed;

public sealed class GradientBucketsSpecs
{
    [Fact]
    public void GradientBuckets_must_cut_reverse_parameter_order_at_the_cap()
    {
        // Parameters of 40, 400, 4000 and 40 bytes; a 500-byte cap.
        using var a = torch.nn.Linear(10, 1, hasBias: false);
        using var b = torch.nn.Linear(10, 10, hasBias: false);
        using var c = torch.nn.Linear(100, 10, hasBias: false);
        using var d = torch.nn.Linear(10, 1, hasBias: false);
        var parameters = new[] { a, b, c, d }.SelectMany(m => m.parameters()).ToList();

        var buckets = new GradientBuckets(parameters, bucketBytes: 500);

        buckets.Layout.Select(l => l.ToArray()).Should().BeEquivalentTo(new[] { new[] { 3 }, new[] { 2 }, new[] { 1, 0 } },
            o => o.WithStrictOrdering(), "the last parameter first; the 4000-byte one alone; 400 + 40 fit one bucket");
        buckets.TotalBytes.Should().Be(4480);
    }

    [Fact]
    public void GradientBuckets_must_put_a_small_model_in_one_bucket_by_default()
    {
        using var model = new Troupe.Training.Models.LMModel6(30, 64, 2);
        var parameters = model.parameters().ToList();

        var buckets = new GradientBuckets(parameters, DataParallelOptions.DefaultBucketBytes);

        buckets.Layout.Should().ContainSingle().Which.Should().Equal(Enumerable.Range(0, parameters.Count).Reverse());
    }

    [Fact]
    public async Task GradientBuckets_must_average_weighted_by_tokens_and_keep_missing_gradients_consistent()
    {
        // Rank 0: gradient 1s on both, weight 1; rank 1: gradient 4s on the first only, weight 3 (an uneven split).
        // Mean of the first: (1·1 + 3·4) / 4 = 3.25; of the second: (1·1 + 3·0) / 4 = 0.25 on both ranks; the third
        // has no gradient anywhere and must keep none.
        var results = await ThreadReplicas.RunAsync(2, g =>
        {
            // The scope frees the gradients and the handles read from them (the live-tensor spec counts them).
            using var scope = torch.NewDisposeScope();
            using var model = torch.nn.Linear(2, 2);
            using var unused = torch.nn.Linear(2, 1);
            var ps = model.parameters().Concat(unused.parameters().Take(1)).ToList();
            ps[0].grad = torch.full([2, 2], g.Rank == 0 ? 1f : 4f);
            if (g.Rank == 0) ps[1].grad = torch.ones([2]);
            var buckets = new GradientBuckets(ps, bucketBytes: 8);
            var (loss, weight) = buckets.Reduce(g, loss: g.Rank == 0 ? 2f : 6f, weight: g.Rank == 0 ? 1 : 3);
            return (First: ps[0].grad!.ToFloats(), Second: ps[1].grad?.ToFloats(), Third: ps[2].grad is null, loss, weight);
        });

        foreach (var r in results)
        {
            r.First.Should().AllBeEquivalentTo(3.25f);
            r.Second.Should().NotBeNull().And.AllBeEquivalentTo(0.25f);
            r.Third.Should().BeTrue("no replica had a gradient for it");
            r.loss.Should().Be(5f, "(1·2 + 3·6) / 4");
            r.weight.Should().Be(4);
        }
    }

    [Fact]
    public void GradientBuckets_must_refuse_a_cap_below_one_byte()
    {
        var call = () => new GradientBuckets(Array.Empty<Parameter>(), 0);

        call.Should().Throw<ArgumentOutOfRangeException>().WithMessage("GradientBuckets: expected a bucket cap >= 1 byte, got 0*");
    }
}
