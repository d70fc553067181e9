using TorchSharp;
using TorchSharp.Modules;
using Troupe.Collectives;
using Troupe.Training.DpPeer;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Tests.Support;
using Troupe.Training.Text;
using static TorchSharp.torch;

namespace Troupe.Training.Tests.Learning.Distributed;

/// <summary>BatchNorm over every replica's rows (SyncBatchNorm), with the ranks on threads of this process.</summary>
public sealed class ReplicaBatchNormSpecs(ITestOutputHelper output)
{
    private const int Rows = 8;
    private const int Features = 5;
    private static readonly float[] X = Enumerable.Range(0, Rows * Features).Select(i => (float)Math.Sin(i * 1.7) * 3 + i % 4).ToArray();
    private static readonly long[] Y = [0, 2, 1, 1, 0, 2, 2, 0];
    // Fixed, not drawn: other test classes draw from the process-wide generator in parallel, between a seed and a draw.
    private static readonly float[] W = Enumerable.Range(0, 3 * Features).Select(i => (float)Math.Cos(i * 0.9) * 0.4f).ToArray();

    // BatchNorm1d, then Linear and a mean cross-entropy over this rank's rows; the parameter gradients averaged as
    // DataParallelCallback does (equal rows). Returns [output, input gradient scaled to the whole batch's mean loss,
    // BatchNorm weight and bias gradients, Linear weight gradient, running mean, running variance].
    private static float[][] Train(ProcessGroup? group)
    {
        var (rank, world) = group is null ? (0, 1) : (group.Rank, group.WorldSize);
        var rows = Rows / world;
        using var norm = nn.BatchNorm1d(Features);
        using var linear = nn.Linear(Features, 3);
        using (no_grad())
        {
            using var w = tensor(W, [3, Features]);
            linear.weight!.copy_(w);
            linear.bias!.zero_();
        }
        using var scope = NewDisposeScope();
        var x = tensor(X.AsSpan(rank * rows * Features, rows * Features).ToArray(), [rows, Features]).requires_grad_();
        var sum = group is null ? null : new GroupSum(group, () => rows);

        var logits = linear.forward(ReplicaBatchNorm.Forward(norm, x, sum));
        nn.functional.cross_entropy(logits, tensor(Y.AsSpan(rank * rows, rows).ToArray())).backward();
        sum?.ThrowIfFaulted();
        Parameter[] parameters = [norm.weight!, norm.bias!, linear.weight!];
        if (group is not null)
            foreach (var p in parameters)
            {
                group.AllReduce(p.grad!);
                p.grad!.div_(world);
            }
        return [logits.ToFloats(), x.grad!.mul((double)rows / Rows).ToFloats(), .. parameters.Select(p => p.grad!.ToFloats()),
            norm.running_mean!.ToFloats(), norm.running_var!.ToFloats()];
    }

    [Fact]
    public async Task Two_ranks_must_normalize_train_and_track_statistics_as_the_whole_batch()
    {
        var whole = Train(null);

        var ranks = await ThreadReplicas.RunAsync(2, Train);

        string[] names = ["output", "input gradient", "weight gradient", "bias gradient", "linear gradient", "running mean", "running var"];
        var worst = 0.0;
        foreach (var (result, rank) in ranks.Select((r, i) => (r, i)))
            for (var k = 0; k < names.Length; k++)
            {
                // Row-wise results are this rank's rows of the whole batch's; the rest is the whole batch's.
                var expected = k < 2 ? whole[k].Skip(rank * result[k].Length).Take(result[k].Length).ToArray() : whole[k];
                var difference = result[k].Zip(expected, (a, e) => Math.Abs(a - e)).Max();
                worst = Math.Max(worst, difference);
                difference.Should().BeLessThan(1e-5f, $"rank {rank} {names[k]}: {string.Join(", ", result[k])} vs {string.Join(", ", expected)}");
            }
        output.WriteLine($"largest difference from the whole batch: {worst:g3}");
    }

    [Fact]
    public async Task A_peer_lost_in_the_backward_pass_must_surface_after_it_instead_of_ending_the_process()
    {
        using var forwardDone = new ManualResetEventSlim();

        var faults = await ThreadReplicas.RunAsync(2, group =>
        {
            using var norm = nn.BatchNorm1d(Features);
            using var scope = NewDisposeScope();
            var sum = new GroupSum(group, () => 4);
            var x = tensor(X.AsSpan(group.Rank * 4 * Features, 4 * Features).ToArray(), [4, Features]).requires_grad_();
            var loss = ReplicaBatchNorm.Forward(norm, x, sum).square().mean();
            if (group.Rank == 1)
            {
                forwardDone.Wait(ThreadReplicas.Bound);
                return null; // leaves the group before the backward pass's collective
            }
            forwardDone.Set();
            loss.backward();
            return Record.Exception(sum.ThrowIfFaulted);
        }, timeout: TimeSpan.FromSeconds(5));

        faults[0].Should().BeOfType<CollectiveException>();
    }

    [Fact]
    public async Task DataParallelCallback_must_refuse_a_model_whose_batchnorms_cannot_use_the_groups_statistics()
    {
        var dls = HumanNumbers.Load().LoadersFor(DataLayout.Sequence);

        var call = () => ThreadReplicas.RunAsync(1, g =>
        {
            using var model = new NormedModel(dls.Vocab.Count);
            using var learn = new Learner(new TextDataLoaders(new FirstBatches(dls.Train, 1), new FirstBatches(dls.Valid, 1), dls.Vocab), model,
                new LearnerOptions(), [new DataParallelCallback(g)]);
            return learn.Fit(1);
        });

        (await call.Should().ThrowAsync<InvalidOperationException>()).WithMessage("DataParallelCallback: expected a model whose BatchNorm layers normalize over "
            + "every replica's rows (IReplicaBatchNorm), got NormedModel with BatchNorm layers that would normalize each replica's rows alone");
    }

    // Embedding, BatchNorm over every position's features, Linear: a language model with a BatchNorm of its own.
    private sealed class NormedModel : LanguageModel
    {
        private readonly Embedding embedding;
        private readonly BatchNorm1d norm;
        private readonly Linear head;

        public NormedModel(int vocab) : base(nameof(NormedModel))
        {
            embedding = this.Register("emb", nn.Embedding(vocab, 4));
            norm = this.Register("bn", nn.BatchNorm1d(4));
            head = this.Register("head", nn.Linear(4, vocab));
        }

        public override bool IsStateful => false;

        public override IReadOnlySet<string> NoWeightDecay { get; } = new HashSet<string>();

        public override void Reset()
        {
        }

        public override LanguageModelOutput forward(Tensor x)
        {
            var e = embedding.forward(x);
            return new LanguageModelOutput(head.forward(norm.forward(e.view(-1, 4)).view(e.shape)));
        }
    }
}
