using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

public sealed class SequenceDataLoaderSpecs
{
    private static readonly long[] Nums = Enumerable.Range(0, 1000).Select(i => (long)i).ToArray();

    [Fact]
    public void Unshuffled_batches_must_take_samples_in_order()
    {
        var ds = SequenceDataset.Shifted(Nums, 4);
        var batch = new SequenceDataLoader(ds, batchSize: 3).Batches().First();

        batch.X.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        batch.Y.Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        batch.YShape.Should().Equal(3, 4);
    }

    [Fact]
    public void Shuffled_batches_must_depend_only_on_seed_and_epoch()
    {
        var ds = SequenceDataset.NextToken(Nums, 3);
        var a = new SequenceDataLoader(ds, batchSize: 8, shuffle: true, seed: 1);
        var b = new SequenceDataLoader(ds, batchSize: 8, shuffle: true, seed: 1);

        a.Batches(2).SelectMany(t => t.X).Should().Equal(b.Batches(2).SelectMany(t => t.X));
        a.Batches(2).SelectMany(t => t.X).Should().NotEqual(a.Batches(3).SelectMany(t => t.X));
        var allTargets = Enumerable.Range(0, ds.Count).Select(i => ds.Y(i)[0]).ToArray();
        a.Batches(2).SelectMany(t => t.Y).Order().Should().Equal(allTargets.Order(), "a shuffled epoch still visits every sample once");
    }

    [Fact]
    public void Rows_view_of_a_partial_last_batch_must_clamp_and_skip_empty_slices()
    {
        var ds = SequenceDataset.Shifted(Nums, 4); // 249 samples: 3 full batches of 64 and one of 57
        var dl = new SequenceDataLoader(ds, batchSize: 64);
        ds.Count.Should().Be(249);

        var head = dl.Rows(32, 32);
        var tail = dl.Rows(60, 4);

        head.BatchCount.Should().Be(4);
        head.Batches().Last().Rows.Should().Be(57 - 32);
        head.Batches().Last().X.Should().Equal(dl.Batches().Last().SliceRows(32, 25).X);
        tail.BatchCount.Should().Be(3);
        tail.Batches().Should().HaveCount(3);
    }

    [Fact]
    public void Group_chunks_must_follow_the_books_reindexing()
    {
        GroupChunks.Order(10, 3).Should().Equal(0, 3, 6, 1, 4, 7, 2, 5, 8);
        var act = () => GroupChunks.Apply(SequenceDataset.Shifted(Nums[..20], 4), 8);
        act.Should().Throw<ArgumentException>().WithMessage("*expected at least bs=8 samples, got 4*");
    }

    [Fact]
    public void Book_ranges_must_match_python()
    {
        // range(0, len-4, 3) and range(0, len-sl-1, sl): len 10 gives i = 0, 3 for both (sl = 3).
        var ten = Nums[..10];
        SequenceDataset.NextToken(ten, 3).Count.Should().Be(2);
        SequenceDataset.Shifted(ten, 3).Count.Should().Be(2);
        SequenceDataset.Shifted(Nums[..11], 3).Count.Should().Be(3);
        var act = () => SequenceDataset.Shifted(Nums[..4], 3);
        act.Should().Throw<ArgumentException>().WithMessage("*seq_len 3 needs more than 4 tokens, got 4*");
    }
}
