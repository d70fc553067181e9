using TorchSharp;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Tests.Support;
using Troupe.Training.Text;
using Troupe.Training.Transfer;

namespace Troupe.Training.Tests.Transfer;

/// <summary>What a run leaves (RUN_DIR/best/encoder, lm) and how init_from is checked against a trial.</summary>
public sealed class TrialArtifactsSpecs : IDisposable
{
    private static readonly Dictionary<string, double> Tiny = new() { ["emb_sz"] = 8, ["n_hid"] = 16, ["n_layers"] = 2 };
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    // A one-epoch awd_lstm trial on the tiny corpus: its model and the bytes of its epoch-end checkpoint.
    private (AwdLstm Model, Vocab Vocab, byte[] Checkpoint) TrainedLanguageModel()
    {
        var dls = TrainingData.Load(new DataSpec(DataKind.WikiText2, TinyCorpus.WriteWikiText(folder.File("wt"))), DataLayout.Sequence, 4, 8);
        torch.manual_seed(3);
        var model = (AwdLstm)ModelRegistry.Create("awd_lstm", dls, Tiny);
        using var learn = TextLearner.Create(dls, model);
        using var run = learn.BeginFit(FitPlan.FitOneCycle(1, 1e-2));
        while (run.Step().Kind != StepKind.EpochEnd) { }
        return (model, dls.Vocab, run.Checkpoint().ToBytes());
    }

    private static Dictionary<string, float[]> Weights(torch.nn.Module model)
    {
        using var scope = torch.NewDisposeScope();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.ToFloats());
    }

    [Fact]
    public void Export_must_write_the_encoder_and_language_model_that_load_back_the_checkpointed_weights()
    {
        var (model, vocab, checkpoint) = TrainedLanguageModel();
        using var _ = model;

        var written = TrialArtifacts.Export(checkpoint, "awd_lstm", Tiny, folder.File("best"));

        written.Select(Path.GetFileName).Should().Equal("encoder", "lm");
        var encoder = PretrainedWeights.Load(folder.File("best/encoder"));
        var lm = PretrainedWeights.Load(folder.File("best/lm"));
        encoder.Kind.Should().Be("encoder");
        lm.Kind.Should().Be("lm");
        encoder.Vocab.Should().Equal(vocab.Itos);
        torch.manual_seed(11);
        using var target = new AwdLstm(vocab.Count, model.Config);
        lm.LoadInto(target, vocab).Should().Be(vocab.Count);
        var expected = Weights(model);
        var loaded = Weights(target);
        foreach (var (name, w) in expected) loaded[name].Should().Equal(w, $"parameter {name}");
    }

    [Fact]
    public void Export_must_take_a_classifiers_encoder_without_its_head()
    {
        var csv = TinyCorpus.WriteCsv(folder.File("texts.csv"));
        var dls = TrainingData.Load(new DataSpec(DataKind.Csv, csv), DataLayout.Labeled, 4, 8);
        torch.manual_seed(3);
        using var model = (AwdLstmClassifier)ModelRegistry.Create("awd_lstm_clas", dls, Tiny);
        using var learn = new Learner(dls, model);
        byte[] bytes;
        using (var run = learn.BeginFit(FitPlan.FitOneCycle(1, 1e-2))) bytes = run.Checkpoint().ToBytes();

        var written = TrialArtifacts.Export(bytes, "awd_lstm_clas", Tiny, folder.File("best"));

        written.Select(Path.GetFileName).Should().Equal("encoder");
        var encoder = PretrainedWeights.Load(written[0]);
        torch.manual_seed(11);
        using var target = new AwdLstm(dls.Vocab.Count, model.Config);
        encoder.LoadInto(target, dls.Vocab);
        Weights(target)["encoder.weight"].Should().Equal(Weights(model.Encoder)["encoder.weight"]);
    }

    [Fact]
    public void CheckInitFrom_must_accept_an_artifact_of_the_trials_sizes()
    {
        var (model, _, checkpoint) = TrainedLanguageModel();
        using var _ = model;
        TrialArtifacts.Export(checkpoint, "awd_lstm", Tiny, folder.File("best"));

        TrialArtifacts.CheckInitFrom(folder.File("best/encoder"), "awd_lstm_clas", Tiny).Config.EmbSize.Should().Be(8);
    }

    [Theory]
    [InlineData("missing", "awd_lstm", "init_from: expected an encoder artifact (RUN_DIR/best/encoder of an earlier run), got no file at '*missing'")]
    [InlineData("checkpoint", "awd_lstm", "init_from: expected an encoder artifact (RUN_DIR/best/encoder of an earlier run) at '*checkpoint', got a file that is not one: *expected bytes starting with 'TRPWGT02'*")]
    [InlineData("encoder", "lmmodel7", "init_from: expected model awd_lstm or awd_lstm_clas to start from an encoder artifact, got lmmodel7")]
    [InlineData("encoder", "awd_lstm_wide", "init_from: the artifact at '*encoder' does not fit the trial's awd_lstm (emb_sz, n_hid, n_layers): expected a target AWD-LSTM with emb 8, hidden 16, 2 layers, got emb 8, hidden 32, 2 layers")]
    public void CheckInitFrom_must_refuse_what_is_not_an_encoder_artifact_for_the_trial(string file, string model, string message)
    {
        var (trained, _, checkpoint) = TrainedLanguageModel();
        using var _ = trained;
        File.WriteAllBytes(folder.File("checkpoint"), checkpoint);
        TrialArtifacts.Export(checkpoint, "awd_lstm", Tiny, folder.Path);
        var parameters = model == "awd_lstm_wide" ? new Dictionary<string, double>(Tiny) { ["n_hid"] = 32 } : Tiny;
        var name = model == "awd_lstm_wide" ? "awd_lstm" : model;

        var act = () => TrialArtifacts.CheckInitFrom(folder.File(file), name, name == "lmmodel7" ? new Dictionary<string, double>() : parameters);

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }
}
