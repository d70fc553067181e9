using TorchSharp;
using Troupe.Training.DpPeer;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Tests.Support;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Learning.Distributed;

/// <summary>
/// The data-parallel callback with its ranks on threads of this process (quick, a few batches per pass); the
/// full acceptance runs with replicas in separate processes are in <see cref="DataParallelProcessSpecs"/>.
/// </summary>
public sealed class DataParallelCallbackSpecs
{
    private static readonly DpRun Quick = new("lmmodel6", Epochs: 2, Batches: 6);

    [Fact]
    public async Task DataParallelCallback_must_reproduce_the_single_replica_run_with_two_ranks()
    {
        var reference = DpScenario.Train(Quick, group: null);

        var replicas = await ThreadReplicas.RunAsync(2, g => DpScenario.Train(Quick, g));

        foreach (var r in replicas) DpAssert.SameAsReference(r, reference, 1e-5);
        DpAssert.Identical(replicas[0], replicas[1]);
    }

    [Fact]
    public async Task DataParallelCallback_must_match_a_plain_learner_with_one_rank()
    {
        var reference = DpScenario.Train(Quick, group: null);

        var replicas = await ThreadReplicas.RunAsync(1, g => DpScenario.Train(Quick, g));

        DpAssert.SameAsReference(replicas[0], reference, 1e-6);
    }

    [Fact]
    public async Task DataParallelCallback_must_start_every_rank_from_rank_0s_weights()
    {
        var run = Quick with { Epochs = 1 };
        var reference = DpScenario.Train(run, group: null);

        // Rank 1 draws other initial weights: the broadcast in before_fit must replace them with rank 0's.
        var replicas = await ThreadReplicas.RunAsync(2, g => DpScenario.Train(run with { WeightSeed = g.Rank == 0 ? run.Seed : 7 }, g));

        DpAssert.Identical(replicas[0], replicas[1]);
        DpAssert.SameAsReference(replicas[1], reference, 1e-5);
    }

    [Fact]
    public async Task A_group_resumed_from_rank_0s_epoch_checkpoint_must_end_like_the_uninterrupted_run()
    {
        var run = Quick with { Epochs = 3 };
        var straight = await ThreadReplicas.RunAsync(2, g => DpScenario.Train(run, g));
        var first = await ThreadReplicas.RunAsync(2, g => DpScenario.Train(run with { StopAfterEpochs = 1 }, g));
        var checkpoint = first[0].Checkpoint!;

        // A fresh group of the same size continues bit for bit; one replica (elastic restart) within float rounding.
        var resumed = await ThreadReplicas.RunAsync(2, g => DpScenario.Train(run with { ResumeFrom = checkpoint }, g));
        var alone = DpScenario.Train(run with { ResumeFrom = checkpoint }, group: null);

        var tail = straight[0] with { Epochs = straight[0].Epochs.Skip(1).ToArray() };
        resumed[0].Epochs.Select(e => e.Epoch).Should().Equal(1, 2);
        DpAssert.Identical(resumed[0], tail);
        DpAssert.Identical(resumed[1], tail);
        DpAssert.SameAsReference(alone, tail, 1e-5);
    }

    [Fact]
    public async Task DataParallelCallback_must_report_every_replicas_throughput_on_every_rank()
    {
        var replicas = await ThreadReplicas.RunAsync(2, g => DpScenario.Train(Quick with { Epochs = 1 }, g));

        foreach (var r in replicas)
        {
            var row = r.Epochs.Single();
            row.ReplicaTokensPerSecond.Should().HaveCount(2).And.OnlyContain(t => t > 0);
        }
        replicas[0].Epochs[0].ReplicaTokensPerSecond.Should().Equal(replicas[1].Epochs[0].ReplicaTokensPerSecond);
    }

    [Fact]
    public async Task DataParallelCallback_must_refuse_replicas_that_disagree_on_batches_per_epoch()
    {
        var call = () => ThreadReplicas.RunAsync(2, g => DpScenario.Train(Quick with { Batches = 4 + g.Rank }, g));

        (await call.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("DataParallel: expected every replica to agree with rank 0, got differences in training batches per epoch (rank 0: 4, rank 1: 5); validation batches per epoch (rank 0: 4, rank 1: 5)");
    }

    [Fact]
    public async Task DataParallelCallback_must_refuse_metrics_it_cannot_reduce_exactly()
    {
        var dls = HumanNumbers.Load().LoadersFor(DataLayout.Sequence);
        var options = new LearnerOptions { Metrics = () => [new AccuracyMetric(), new RowCount()] };

        var call = () => ThreadReplicas.RunAsync(1, g =>
        {
            using var model = new LMModel6(dls.Vocab.Count, 8, 1);
            using var learn = new Learner(new TextDataLoaders(new FirstBatches(dls.Train, 1), new FirstBatches(dls.Valid, 1), dls.Vocab), model, options,
                [new DataParallelCallback(g)]);
            return learn.Fit(1);
        });

        (await call.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("DataParallelCallback: expected metrics that reduce exactly over replicas (IReducibleMetric), got rows");
    }

    [Fact]
    public async Task DataParallelCallback_must_refuse_a_bucket_cap_below_one_byte()
    {
        var call = () => ThreadReplicas.RunAsync(1, g => new DataParallelCallback(g, new DataParallelOptions { BucketBytes = 0 }));

        (await call.Should().ThrowAsync<ArgumentOutOfRangeException>())
            .WithMessage("DataParallelCallback: expected a bucket size >= 1 byte, got 0*");
    }

    private sealed class RowCount : IMetric
    {
        public string Name => "rows";

        public float Value { get; private set; }

        public void Reset() => Value = 0;

        public void Accumulate(Learner learn) => Value += learn.Yb!.size(0);
    }
}
