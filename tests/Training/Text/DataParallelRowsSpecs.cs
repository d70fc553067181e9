using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

public sealed class DataParallelRowsSpecs
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ForReplica_must_shard_training_and_validation_by_the_same_rows(int replicas)
    {
        var dls = HumanNumbers.Load().LoadersFor(DataLayout.Sequence);

        var views = Enumerable.Range(0, replicas).Select(r => dls.ForReplica(r, replicas)).ToList();

        foreach (var (full, part) in new (Func<TextDataLoaders, ITextDataLoader>, string)[] { (d => d.Train, "train"), (d => d.Valid, "valid") })
        {
            var whole = full(dls).Batches().First();
            var shards = views.Select(v => full(v).Batches().First()).ToList();
            shards.Should().OnlyContain(s => s.Rows == 64 / replicas, part);
            shards.SelectMany(s => s.X).Should().Equal(whole.X, $"{part}: rows [r·bs/N, (r+1)·bs/N) in rank order tile the batch");
            views.Should().OnlyContain(v => full(v).BatchCount == full(dls).BatchCount, part);
        }
        views.Should().OnlyContain(v => ReferenceEquals(v.Vocab, dls.Vocab));
    }
}
