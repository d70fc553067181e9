using Troupe.Training.Tests.Support;
using TorchSharp;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Learning;

/// <summary>Checkpoints at epoch boundaries: a resumed fit ends bit for bit like the uninterrupted one.</summary>
public sealed class ResumeSpecs
{
    private static readonly Lazy<TextDataLoaders> Dls = new(() => HumanNumbers.Load().LoadersFor(DataLayout.Sequence));

    [Fact]
    public void Resume_must_end_with_the_uninterrupted_runs_weights_and_metrics_bit_for_bit()
    {
        var plan = FitPlan.FitOneCycle(4, 1e-2, wd: 0.1);
        var (straightWeights, straightRows) = Straight(plan);

        byte[] bytes;
        using (var first = NewLearner(seed: 42))
        using (var run = first.Learn.BeginFit(plan))
        {
            var ends = 0;
            while (ends < 2) if (run.Step().Kind == StepKind.EpochEnd) ends++;
            run.AtEpochBoundary.Should().BeTrue();
            bytes = run.Checkpoint().ToBytes();
        }
        // Another seed: everything that matters must come from the checkpoint.
        using var second = NewLearner(seed: 7);
        using (var resumed = second.Learn.Resume(LearnerCheckpoint.FromBytes(bytes)))
        {
            resumed.StartEpoch.Should().Be(2);
            resumed.RunToEnd();
        }
        var rows = second.Learn.Recorder.Values;
        rows.Should().HaveCount(4);
        for (var i = 0; i < 4; i++) rows[i].SameResultsAs(straightRows[i]).Should().BeTrue($"epoch {i}: {rows[i]} vs {straightRows[i]}");
        var weights = Weights(second.Learn.Model);
        weights.Keys.Should().BeEquivalentTo(straightWeights.Keys);
        foreach (var (name, w) in straightWeights) weights[name].Should().Equal(w, $"parameter {name}");
    }

    [Fact]
    public void Checkpoint_must_refuse_a_learner_with_another_vocab()
    {
        using var source = NewLearner(seed: 1);
        byte[] bytes;
        using (var run = source.Learn.BeginFit(FitPlan.Fit(1, 1e-3))) bytes = run.Checkpoint().ToBytes();
        var other = new TextDataLoaders(Dls.Value.Train, Dls.Value.Valid, Vocab.FromItos(Dls.Value.Vocab.Itos.Reverse()));
        using var model = new LMModel7(other.Vocab.Count, 64, 2, 0.4);
        using var learn = new Learner(other, model);

        var act = () => learn.Resume(LearnerCheckpoint.FromBytes(bytes));

        act.Should().Throw<ArgumentException>().WithMessage("*vocab*");
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'T', (byte)'R', (byte)'P', (byte)'C', (byte)'K', (byte)'P', (byte)'T', (byte)'1', 255, 255, 0, 0 })]
    public void Checkpoint_must_refuse_bytes_that_are_not_one(byte[] bytes)
    {
        var act = () => LearnerCheckpoint.FromBytes(bytes);

        act.Should().Throw<InvalidDataException>().WithMessage("checkpoint: expected*");
    }

    private static (Dictionary<string, float[]> Weights, IReadOnlyList<EpochRecord> Rows) Straight(FitPlan plan)
    {
        using var straight = NewLearner(seed: 42);
        straight.Learn.RunToEnd(plan);
        return (Weights(straight.Learn.Model), straight.Learn.Recorder.Values.ToArray());
    }

    private static Dictionary<string, float[]> Weights(LanguageModel model)
    {
        using var scope = torch.NewDisposeScope();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.ToFloats());
    }

    private static Owned NewLearner(int seed)
    {
        torch.manual_seed(seed);
        var model = new LMModel7(Dls.Value.Vocab.Count, 64, 2, 0.4);
        return new Owned(model, TextLearner.Create(Dls.Value, model, 2, 1));
    }

    private sealed record Owned(LanguageModel Model, Learner Learn) : IDisposable
    {
        public void Dispose()
        {
            Learn.Dispose();
            Model.Dispose();
        }
    }
}
