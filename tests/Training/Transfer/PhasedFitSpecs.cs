using TorchSharp;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Tests.Support;
using Troupe.Training.Text;
using Troupe.Training.Transfer;

namespace Troupe.Training.Tests.Transfer;

/// <summary>Gradual unfreezing driven step by step: epochs across phases, frozen groups, and resume across a phase boundary.</summary>
public sealed class PhasedFitSpecs : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TextDataLoaders dls;

    public PhasedFitSpecs()
    {
        dls = TrainingData.Load(new DataSpec(DataKind.WikiText2, TinyCorpus.WriteWikiText(folder.File("wt"))), DataLayout.Sequence, 4, 8);
    }

    public void Dispose() => folder.Dispose();

    private static IReadOnlyList<FitPhase> Phases => GradualUnfreezing.LanguageModel(3, 1e-2, 0.1);

    private (AwdLstm Model, Learner Learn) NewLearner(long seed)
    {
        torch.manual_seed(seed);
        var model = new AwdLstm(dls.Vocab.Count, new AwdLstmConfig(8, 16, 2, dls.Vocab.IndexOf(SpecialTokens.Pad)));
        return (model, TextLearner.Create(dls, model));
    }

    private static Dictionary<string, float[]> Weights(LanguageModel model)
    {
        using var scope = torch.NewDisposeScope();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.ToFloats());
    }

    private static List<EpochRecord> RunToEnd(PhasedFit fit)
    {
        var rows = new List<EpochRecord>();
        while (!fit.IsFinished)
            if (fit.Step() is { Kind: StepKind.EpochEnd, Record: { } r }) rows.Add(r);
        return rows;
    }

    [Fact]
    public void PhasedFit_must_number_epochs_across_phases_and_train_only_the_last_group_while_frozen()
    {
        var (model, learn) = NewLearner(1);
        using (model)
        using (learn)
        {
            var before = Weights(model);
            using var fit = PhasedFit.Begin(learn, Phases);
            StepResult step;
            do step = fit.Step(); while (step.Kind != StepKind.EpochEnd);
            var frozen = Weights(model);
            var rest = RunToEnd(fit);

            fit.TotalEpochs.Should().Be(3);
            step.Epoch.Should().Be(0);
            rest.Select(r => r.Epoch).Should().Equal(1, 2);
            var lstm = before.Keys.Where(k => k.StartsWith("rnns.", StringComparison.Ordinal)).ToList();
            lstm.Should().NotBeEmpty();
            foreach (var name in lstm) frozen[name].Should().Equal(before[name], $"phase 0 trains only the embedding group, not {name}");
            frozen["encoder.weight"].Should().NotEqual(before["encoder.weight"]);
            var after = Weights(model);
            lstm.Should().Contain(name => !after[name].SequenceEqual(before[name]), "phase 1 unfreezes everything");
        }
    }

    [Theory]
    [InlineData(1)] // taken at the end of phase 0: resumes into phase 1
    [InlineData(2)] // taken inside phase 1
    public void PhasedFit_must_resume_from_an_epoch_boundary_to_the_uninterrupted_results(int at)
    {
        List<EpochRecord> straight;
        var (m1, l1) = NewLearner(5);
        using (m1)
        using (l1)
        using (var fit = PhasedFit.Begin(l1, Phases)) straight = RunToEnd(fit);

        byte[] bytes;
        var (m2, l2) = NewLearner(5);
        using (m2)
        using (l2)
        using (var fit = PhasedFit.Begin(l2, Phases))
        {
            var ends = 0;
            while (ends < at) if (fit.Step().Kind == StepKind.EpochEnd) ends++;
            bytes = fit.Checkpoint().ToBytes();
        }
        var (m3, l3) = NewLearner(9);
        using (m3)
        using (l3)
        using (var resumed = PhasedFit.Resume(l3, Phases, LearnerCheckpoint.FromBytes(bytes)))
        {
            resumed.StartEpoch.Should().Be(at);
            var rows = RunToEnd(resumed);
            rows.Select(r => r.Epoch).Should().Equal(Enumerable.Range(at, 3 - at));
            for (var i = 0; i < rows.Count; i++) rows[i].SameResultsAs(straight[at + i]).Should().BeTrue($"epoch {at + i}: {rows[i]} vs {straight[at + i]}");
        }
    }

    [Fact]
    public void PhasedFit_must_refuse_a_checkpoint_of_a_phase_it_does_not_have()
    {
        var (model, learn) = NewLearner(1);
        using (model)
        using (learn)
        {
            LearnerCheckpoint checkpoint;
            using (var fit = PhasedFit.Begin(learn, Phases)) checkpoint = fit.Checkpoint().WithTags(new Dictionary<string, string> { [PhasedFit.PhaseTag] = "7" });

            var act = () => PhasedFit.Resume(learn, Phases, checkpoint);

            act.Should().Throw<ArgumentException>().WithMessage("phased fit: expected a checkpoint of phase 0..1, got fit.phase '7'");
        }
    }
}
