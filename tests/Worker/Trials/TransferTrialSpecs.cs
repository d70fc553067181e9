using TorchSharp;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Tests.Support;
using Troupe.Training.Transfer;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;
using Troupe.Worker.Tests.Support;
using Troupe.Worker.Trials;

namespace Troupe.Worker.Tests.Trials;

/// <summary>ULMFiT stages as model actors train them, on tiny corpora: init_from on a fresh attempt only, gradual unfreezing, classifiers.</summary>
public sealed class TransferTrialSpecs(ITestOutputHelper output)
    : TestKit(TestConfigs.StoppingGuardian, output: output), IDisposable
{
    private static readonly TimeSpan Epochs = TimeSpan.FromSeconds(120);
    private static readonly Dictionary<string, double> Tiny = new() { ["emb_sz"] = 8, ["n_hid"] = 16, ["n_layers"] = 2, ["lr"] = 1e-2 };
    private readonly string folder = Directory.CreateTempSubdirectory("troupe-worker-transfer-").FullName;
    private readonly DatasetCache cache = new();

    // The actor system first (its trials may still read the folder), then the files.
    void IDisposable.Dispose()
    {
        Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private TrialAssignment Trial(string model, DataSpec data, int epochs, UnfreezeKind unfreeze = UnfreezeKind.None, string? initFrom = null) =>
        new("trial-0000", model, Tiny, data, null, 0, epochs, 4, 8, LrSchedule.OneCycle, 42, Deterministic: true, 1, unfreeze, initFrom);

    private DataSpec WikiText => new(DataKind.WikiText2, TinyCorpus.WriteWikiText(Path.Combine(folder, "wt")));

    private DataSpec Csv => new(DataKind.Csv, TinyCorpus.WriteCsv(Path.Combine(folder, "texts.csv")));

    private IActorRef Start(TrialAssignment trial, TestProbe reports, byte[]? checkpoint = null, int attempt = 1) =>
        Watch(Sys.ActorOf(ModelActor.Props(new StartTrial(TestTrials.Fence(attempt), trial, TestCheckpoints.Offer(Sys, checkpoint), reports.Ref), "w1", cache, new ModelActorSettings(TimeSpan.FromHours(1)))));

    private static EpochCompleted Epoch(TestProbe reports) => reports.FishForMessage<EpochCompleted>(_ => true, Epochs);

    // Stage 1 in one epoch: the pretrained artifacts of a tiny awd_lstm, in folder/best.
    private string Pretrained()
    {
        var reports = CreateTestProbe();
        var actor = Start(Trial("awd_lstm", WikiText, 1), reports);
        var best = Path.Combine(folder, "best");
        TrialArtifacts.Export(Epoch(reports).CheckpointBytes(Sys), "awd_lstm", Tiny, best);
        ExpectTerminated(actor, Epochs);
        return best;
    }

    [Fact]
    public void Fine_tune_trial_must_start_from_init_from_and_resume_from_its_checkpoint_without_reading_it_again()
    {
        var lm = Path.Combine(Pretrained(), TrialArtifacts.LanguageModelFile);
        var trial = Trial("awd_lstm", Csv, 3, UnfreezeKind.Gradual, lm);
        var straight = CreateTestProbe();
        Start(trial, straight);
        var full = Enumerable.Range(0, 3).Select(_ => Epoch(straight)).ToList();
        var scratch = CreateTestProbe();
        Start(trial with { InitFrom = null }, scratch);
        var fromScratch = Epoch(scratch);

        File.Delete(lm);
        var resumed = CreateTestProbe();
        Start(trial, resumed, full[0].CheckpointBytes(Sys), attempt: 2);
        var rest = Enumerable.Range(0, 2).Select(_ => Epoch(resumed)).ToList();

        full.Select(e => e.Metrics.Epoch).Should().Equal(0, 1, 2);
        fromScratch.Metrics.ValidLoss.Should().NotBe(full[0].Metrics.ValidLoss, "the fresh attempt loaded the pretrained weights");
        LearnerCheckpoint.FromBytes(full[0].CheckpointBytes(Sys)).Tags.Should().Contain(PhasedFit.PhaseTag, "0");
        LearnerCheckpoint.FromBytes(full[1].CheckpointBytes(Sys)).Tags.Should().Contain(PhasedFit.PhaseTag, "1");
        rest.Select(e => e.Metrics.Epoch).Should().Equal(1, 2);
        for (var i = 0; i < 2; i++)
            rest[i].Metrics.SameResultsAs(full[i + 1].Metrics).Should().BeTrue($"epoch {i + 1} resumed: {rest[i].Metrics} vs {full[i + 1].Metrics}");
    }

    [Fact]
    public void Resumed_fine_tune_session_must_hold_the_checkpointed_weights_not_the_artifacts()
    {
        var lm = Path.Combine(Pretrained(), TrialArtifacts.LanguageModelFile);
        var trial = Trial("awd_lstm", Csv, 2, UnfreezeKind.Gradual, lm);
        var reports = CreateTestProbe();
        Start(trial, reports);
        var checkpoint = Epoch(reports).CheckpointBytes(Sys);

        using var session = LearnerSession.Open(trial, checkpoint, cache);

        session.StartEpoch.Should().Be(1);
        using var scope = torch.NewDisposeScope();
        var saved = Troupe.Training.Serialization.StateDicts.Load(LearnerCheckpoint.FromBytes(checkpoint).TensorBytes);
        var pretrained = Troupe.Training.Serialization.StateDicts.Load(PretrainedWeights.Load(lm).TensorBytes);
        var embedding = session.Model.state_dict()["encoder.weight"].ToFloats();
        embedding.Should().Equal(saved["model.encoder.weight"].ToFloats());
        embedding.Take(8 * 10).Should().NotEqual(pretrained["encoder.weight"].ToFloats().Take(8 * 10));
    }

    [Fact]
    public void Classifier_trial_must_train_on_the_encoders_vocab_with_gradual_unfreezing_and_report_accuracy()
    {
        var encoder = Path.Combine(Pretrained(), TrialArtifacts.EncoderFile);
        var reports = CreateTestProbe();
        var actor = Start(Trial("awd_lstm_clas", Csv, 4, UnfreezeKind.Gradual, encoder), reports);

        var epochs = Enumerable.Range(0, 4).Select(_ => Epoch(reports)).ToList();

        epochs.Select(e => e.Metrics.Epoch).Should().Equal(0, 1, 2, 3);
        epochs.Should().OnlyContain(e => e.Metrics.Metrics["accuracy"] >= 0 && e.Metrics.Metrics["accuracy"] <= 1);
        LearnerCheckpoint.FromBytes(epochs[0].CheckpointBytes(Sys)).Vocab.Should().Equal(PretrainedWeights.Load(encoder).Vocab);
        ExpectTerminated(actor, Epochs);
    }

    [Fact]
    public void Fresh_attempt_must_fail_with_the_reason_when_init_from_is_gone()
    {
        var reports = CreateTestProbe();
        var actor = Start(Trial("awd_lstm", Csv, 2, UnfreezeKind.Gradual, Path.Combine(folder, "nothing", "encoder")), reports);

        reports.ExpectMsg<TrialFailed>(Epochs).Reason.Should().Contain("init_from: expected an encoder artifact").And.Contain("got no file at");
        ExpectTerminated(actor, Epochs);
    }
}
