using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

public sealed class ClassifierDataLoaderSpecs
{
    // Documents of 1..n tokens (ids from 2; 1 pads), labels alternating: every batch mixes lengths.
    private static long[][] Docs(int n) => Enumerable.Range(1, n).Select(l => Enumerable.Range(2, l).Select(i => (long)i).ToArray()).ToArray();

    private static int[] Labels(int n) => Enumerable.Range(0, n).Select(i => i % 2).ToArray();

    [Fact]
    public void Training_loader_must_drop_the_partial_batch_and_validation_must_keep_every_document()
    {
        var train = new ClassifierDataLoader(Docs(7), Labels(7), batchSize: 2, seqLen: 3, padIndex: 1, shuffle: true, seed: 5);
        var valid = new ClassifierDataLoader(Docs(7), Labels(7), batchSize: 2, seqLen: 3, padIndex: 1, shuffle: false);
        var tooFew = () => new ClassifierDataLoader(Docs(1), Labels(1), batchSize: 2, seqLen: 3, padIndex: 1, shuffle: true);

        train.BatchCount.Should().Be(3, "fastai's training loader drops the last partial batch");
        foreach (var epoch in new[] { 0, 1, 2 })
            train.Batches(epoch).Should().HaveCount(3).And.OnlyContain(b => b.Rows == 2, $"epoch {epoch}");
        valid.BatchCount.Should().Be(4);
        valid.Batches().Sum(b => b.Rows).Should().Be(7);
        tooFew.Should().Throw<InvalidDataException>().WithMessage("ClassifierDataLoader: expected at least bs (2) documents to train on (a partial batch is dropped), got 1");
    }

    // A replica's rows must sit where they sit in the whole batch (same padding), so its encoder outputs and gradients
    // are the whole batch's rows; together the replicas' rows tile every batch.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Replica_views_must_pad_their_rows_as_the_whole_batch_and_tile_it(bool shuffle)
    {
        var whole = new ClassifierDataLoader(Docs(9), Labels(9), batchSize: 4, seqLen: 3, padIndex: 1, shuffle, seed: 5);
        var views = Enumerable.Range(0, 2).Select(r => whole.ForReplica(r, 2)).ToList();

        foreach (var batch in whole.Batches(1))
        {
            var parts = views.SelectMany(v => v.Batches(1)).Where(b => b.Index == batch.Index).ToList();

            parts.Should().OnlyContain(p => p.SeqLen == batch.SeqLen, $"batch {batch.Index}: padded to the whole batch's longest");
            parts.SelectMany(p => p.X).Should().Equal(batch.X, $"batch {batch.Index}: rows [r·bs/N, (r+1)·bs/N) in rank order");
            parts.SelectMany(p => p.Y).Should().Equal(batch.Y);
        }
        views.Select(v => v.Batches(1).Count()).Should().Equal(shuffle ? [2, 2] : [3, 2],
            "training batches are full, so both replicas have rows in each; the last validation batch (1 row) is rank 0's alone");
    }
}
