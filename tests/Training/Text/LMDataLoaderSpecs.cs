using Troupe.Training.Tests.Support;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

public sealed class LMDataLoaderSpecs
{
    // Documents of distinct ids (document d holds d*1000, d*1000+1, ...) so any token tells where it came from.
    private static long[][] Documents(int count, int minLength = 5, int maxLength = 40)
    {
        var rng = new Random(7);
        return Enumerable.Range(0, count)
            .Select(d => Enumerable.Range(0, rng.Next(minLength, maxLength)).Select(i => (long)(d * 1000 + i)).ToArray())
            .ToArray();
    }

    [Fact]
    public void Batches_must_have_fastai_shapes_and_count()
    {
        var docs = Documents(200);
        var total = docs.Sum(d => d.Length);
        var dl = new LMDataLoader(docs, batchSize: 8, seqLen: 7);

        var bl = (total - 1) / 8;
        dl.StreamLength.Should().Be(bl);
        dl.BatchCount.Should().Be((bl + 6) / 7);
        var batches = dl.Batches().ToList();
        batches.Should().HaveCount(dl.BatchCount);
        batches.SkipLast(1).Should().OnlyContain(b => b.Rows == 8 && b.SeqLen == 7 && b.HasSequenceTargets);
        batches[^1].SeqLen.Should().Be(bl - (batches.Count - 1) * 7);
    }

    [Fact]
    public void Rows_must_be_contiguous_streams_across_batches_with_y_shifted_by_one()
    {
        var dl = new LMDataLoader(Documents(200), batchSize: 8, seqLen: 7, shuffle: true, seed: 3);
        var stream = dl.Stream(epoch: 2);
        var batches = dl.Batches(epoch: 2).ToList();

        for (var r = 0; r < 8; r++)
        {
            var xs = batches.SelectMany(b => b.X.Skip(r * b.SeqLen).Take(b.SeqLen)).ToArray();
            var ys = batches.SelectMany(b => b.Y.Skip(r * b.SeqLen).Take(b.SeqLen)).ToArray();
            xs.Should().Equal(stream.Skip(r * dl.StreamLength).Take(dl.StreamLength));
            ys.Should().Equal(stream.Skip(r * dl.StreamLength + 1).Take(dl.StreamLength));
        }
    }

    [Fact]
    public void First_row_must_start_with_the_first_document_when_not_shuffled()
    {
        var docs = Documents(50);
        var x = new LMDataLoader(docs, batchSize: 4, seqLen: 5).Batches().First();

        x.X.Take(5).Should().Equal(docs[0].Take(5));
        x.Y.Take(5).Should().Equal(docs[0].Skip(1).Take(5));
    }

    [Fact]
    public void Shuffle_must_reorder_documents_and_never_tokens()
    {
        var docs = Documents(100);
        var dl = new LMDataLoader(docs, batchSize: 4, seqLen: 5, shuffle: true, seed: 11);

        var order = dl.DocumentOrder(0);
        order.Should().BeEquivalentTo(Enumerable.Range(0, 100));
        order.Should().NotEqual(Enumerable.Range(0, 100));
        var concatenated = order.SelectMany(d => docs[d]).ToArray();
        dl.Stream(0).Should().Equal(concatenated.Take(dl.Stream(0).Length));
    }

    [Fact]
    public void Order_must_be_a_function_of_seed_and_epoch()
    {
        var docs = Documents(100);
        var a = new LMDataLoader(docs, batchSize: 4, seqLen: 5, shuffle: true, seed: 11);
        var b = new LMDataLoader(docs, batchSize: 4, seqLen: 5, shuffle: true, seed: 11);
        var c = new LMDataLoader(docs, batchSize: 4, seqLen: 5, shuffle: true, seed: 12);

        a.Batches(3).SelectMany(t => t.X).Should().Equal(b.Batches(3).SelectMany(t => t.X));
        a.DocumentOrder(3).Should().Equal(b.DocumentOrder(3));
        a.DocumentOrder(3).Should().NotEqual(a.DocumentOrder(4));
        a.DocumentOrder(3).Should().NotEqual(c.DocumentOrder(3));
        new LMDataLoader(docs, batchSize: 4, seqLen: 5).DocumentOrder(9).Should().Equal(Enumerable.Range(0, 100));
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(2, 2)]
    [InlineData(4, 4)]
    [InlineData(7, 1)]
    public void Rows_view_must_equal_the_same_rows_of_every_full_batch(int start, int count)
    {
        var dl = new LMDataLoader(Documents(200), batchSize: 8, seqLen: 7, shuffle: true, seed: 5);
        var view = dl.Rows(start, count);

        view.BatchSize.Should().Be(count);
        view.BatchCount.Should().Be(dl.BatchCount);
        var full = dl.Batches(1).ToList();
        var part = view.Batches(1).ToList();
        part.Should().HaveCount(full.Count);
        for (var k = 0; k < full.Count; k++)
        {
            var expected = full[k].SliceRows(start, count);
            part[k].X.Should().Equal(expected.X);
            part[k].Y.Should().Equal(expected.Y);
            part[k].XShape.Should().Equal(expected.XShape);
        }
    }

    [Fact]
    public void Rows_of_a_rows_view_must_be_relative_to_the_view()
    {
        var dl = new LMDataLoader(Documents(200), batchSize: 8, seqLen: 7);

        var nested = dl.Rows(4, 4).Rows(1, 2).Batches().First();

        nested.X.Should().Equal(dl.Batches().First().SliceRows(5, 2).X);
    }

    [Fact]
    public void Rows_view_must_reject_rows_outside_the_batch()
    {
        var dl = new LMDataLoader(Documents(200), batchSize: 8, seqLen: 7);

        var act = () => dl.Rows(6, 3);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected rows within [0, 8)*got [6, 9)*");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void Replica_rows_must_tile_every_batch_in_order(int replicas)
    {
        var dl = new LMDataLoader(Documents(200), batchSize: 8, seqLen: 7, shuffle: true, seed: 9);
        var parts = Enumerable.Range(0, replicas).Select(r => dl.ForReplica(r, replicas).Batches(2).ToList()).ToList();

        var full = dl.Batches(2).ToList();
        for (var k = 0; k < full.Count; k++)
            parts.SelectMany(p => p[k].X).Should().Equal(full[k].X);
        parts.Sum(p => p[0].Rows).Should().Be(8);
    }

    [Fact]
    public void Replica_split_and_epoch_must_be_validated()
    {
        var dl = new LMDataLoader(Documents(200), batchSize: 8, seqLen: 7);

        var tooMany = () => dl.ForReplica(0, 9);
        var outside = () => dl.ForReplica(4, 4);
        var negative = () => dl.Batches(-1);

        tooMany.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected 1..8 replicas*got 9*");
        outside.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected a replica in [0, 4), got 4*");
        negative.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected epoch >= 0, got -1*");
    }

    [Fact]
    public void Drop_last_must_drop_the_short_final_batch()
    {
        var docs = Documents(200);
        var keep = new LMDataLoader(docs, batchSize: 8, seqLen: 7);
        var drop = new LMDataLoader(docs, batchSize: 8, seqLen: 7, dropLast: true);
        keep.StreamLength.Should().NotBe(keep.StreamLength / 7 * 7, "this corpus must leave a short batch");

        drop.BatchCount.Should().Be(keep.BatchCount - 1);
        drop.Batches().Should().OnlyContain(b => b.SeqLen == 7).And.HaveCount(drop.BatchCount);
    }

    [Fact]
    public void Seq_len_longer_than_a_row_stream_must_be_rejected_before_training()
    {
        long[][] docs = [Enumerable.Range(0, 101).Select(i => (long)i).ToArray()];

        var act = () => new LMDataLoader(docs, batchSize: 10, seqLen: 11);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected seq_len <= the per-row stream length 10*got seq_len 11*");
    }

    [Fact]
    public void Empty_corpus_must_be_rejected()
    {
        var none = () => new LMDataLoader([], batchSize: 4, seqLen: 2);
        var tooFew = () => new LMDataLoader([[1L, 2L], []], batchSize: 4, seqLen: 1);

        none.Should().Throw<InvalidDataException>().WithMessage("*expected at least one document*empty corpus*");
        tooFew.Should().Throw<InvalidDataException>().WithMessage("*need at least 5 tokens, got 2*");
    }

    [Fact]
    public void Batches_must_convert_to_int64_tensors_of_the_batch_shape()
    {
        var batch = new LMDataLoader(Documents(50), batchSize: 4, seqLen: 5).Batches().First();

        var (x, y) = batch.ToTensors();
        using (x)
        using (y)
        {
            x.shape.Should().Equal(4, 5);
            y.shape.Should().Equal(4, 5);
            x.ToLongs().Should().Equal(batch.X);
            y.ToLongs().Should().Equal(batch.Y);
        }
    }
}
