using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Transfer;

namespace Troupe.Training.Tests.Experiments;

/// <summary>The spec's train.unfreeze and data kind csv, and the phases a trial's recipe turns them into.</summary>
public sealed class GradualUnfreezingSpecs
{
    private static readonly ExperimentSpecReader Reader = new(ModelRegistry.Names);

    private static string Spec(string model, string train, string data = "{ kind: csv, path: texts.csv }") =>
        $"name: u\ndata: {data}\nmodel: {model}\ntrain: {{ epochs: 5, batch_size: 4, seq_len: 8{train} }}\n";

    [Fact]
    public void Reader_must_read_gradual_unfreezing_and_csv_data()
    {
        var spec = Reader.Parse(Spec("awd_lstm_clas", ", unfreeze: gradual, metric: accuracy"));

        spec.Train.Unfreeze.Should().Be(UnfreezeKind.Gradual);
        spec.Train.Mode.Should().Be(Troupe.Training.Tuning.MetricMode.Max);
        spec.Data.Should().Be(new DataSpec(DataKind.Csv, "texts.csv"));
    }

    [Fact]
    public void Reader_must_read_valid_pct_for_csv_data()
    {
        var spec = Reader.Parse(Spec("awd_lstm", "", "{ kind: csv, path: texts.csv, valid_pct: 0.1 }"));

        spec.Data.Should().Be(new DataSpec(DataKind.Csv, "texts.csv", ValidPct: 0.1));
    }

    [Theory]
    [InlineData("{ kind: csv, path: texts.csv, valid_pct: 1.5 }", "data.valid_pct: expected a fraction in (0, 1), got '1.5'")]
    [InlineData("{ kind: csv, path: texts.csv, valid_pct: 0 }", "data.valid_pct: expected a fraction in (0, 1), got '0'")]
    [InlineData("{ kind: wikitext-2, path: w, valid_pct: 0.1 }", "data: expected only kind, path for kind wikitext-2, got 'valid_pct'")]
    public void Reader_must_refuse_a_bad_valid_pct(string data, string message)
    {
        var act = () => Reader.Parse(Spec("awd_lstm", "", data));

        act.Should().Throw<SpecException>().WithMessage($"*{message}*");
    }

    [Theory]
    [InlineData(", unfreeze: gradual, schedule: constant", "<spec>:4:58: train.unfreeze: expected schedule one-cycle for gradual unfreezing (each phase is a fit_one_cycle), got schedule constant")]
    [InlineData(", unfreeze: slowly", "<spec>:4:58: train.unfreeze: expected *none*gradual*, got 'slowly'")]
    public void Reader_must_refuse_a_bad_unfreeze(string train, string message)
    {
        var act = () => Reader.Parse(Spec("awd_lstm", train));

        act.Should().Throw<SpecException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Classifier_phases_must_be_the_notebooks_gradual_unfreezing()
    {
        var phases = TrialRecipe.Resolve("awd_lstm_clas").Phases(5, LrSchedule.OneCycle, UnfreezeKind.Gradual);

        phases.Select(p => p.FreezeTo).Should().Equal(-1, -2, -3, 0);
        phases.Select(p => p.Plan.Epochs).Should().Equal(1, 1, 1, 2);
        phases.Select(p => p.Plan.Lr).Should().Equal(2e-2, 1e-2, 5e-3, 1e-3);
        phases.Select(p => p.Plan.LrLow).Should().Equal(null, 1e-2 / Math.Pow(2.6, 4), 5e-3 / Math.Pow(2.6, 4), 1e-3 / Math.Pow(2.6, 4));
        phases.Should().OnlyContain(p => p.Plan.Moms.SequenceEqual(new[] { 0.8, 0.7, 0.8 }));
    }

    [Fact]
    public void Language_model_phases_must_train_the_embeddings_first_then_everything_at_a_tenth()
    {
        var phases = TrialRecipe.Resolve("awd_lstm", new Dictionary<string, double> { ["lr"] = 2e-2 }).Phases(3, LrSchedule.OneCycle, UnfreezeKind.Gradual);

        phases.Select(p => (p.FreezeTo, p.Plan.Epochs, p.Plan.Lr, p.Plan.Wd)).Should().Equal((-1, 1, 2e-2, 0.1), (0, 2, 2e-3, 0.1));
    }

    [Fact]
    public void No_unfreezing_must_be_one_phase_that_freezes_nothing()
    {
        var phases = TrialRecipe.Resolve("lmmodel7").Phases(4);

        phases.Should().ContainSingle().Which.Should().Be(new FitPhase(null, FitPlan.FitOneCycle(4, 1e-2, 0.1)));
    }

    [Theory]
    [InlineData("lmmodel7", 5, "train.unfreeze: expected awd_lstm or awd_lstm_clas for gradual unfreezing (models with layer groups), got lmmodel7")]
    [InlineData("awd_lstm_clas", 3, "gradual unfreezing: expected at least 4 epochs for a classifier (frozen, freeze_to(-2), freeze_to(-3), then unfrozen), got 3")]
    [InlineData("awd_lstm", 1, "gradual unfreezing: expected at least 2 epochs for a language model (1 frozen, then unfrozen), got 1")]
    public void Phases_must_refuse_gradual_unfreezing_it_cannot_do(string model, int epochs, string message)
    {
        var act = () => TrialRecipe.Resolve(model).Phases(epochs, LrSchedule.OneCycle, UnfreezeKind.Gradual);

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }
}
