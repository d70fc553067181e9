using System.Globalization;
using TorchSharp;
using Troupe.Coordinator.Commands;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Models;
using Troupe.Training.Tests.Support;
using Troupe.Training.Text;
using Troupe.Training.Transfer;

namespace Troupe.Coordinator.Tests.Commands;

/// <summary>
/// The three ULMFiT stages as <c>troupe-coordinator run</c> specs on tiny corpora (the shape of experiments/ulmfit-*.yaml,
/// sizes cut to seconds): each stage consumes the artifact the previous run left in RUN_DIR/best, and init_from is
/// checked before anything runs.
/// </summary>
public sealed class UlmfitStagesSpecs : IDisposable
{
    private const string Sizes = "  emb_sz: 8\n  n_hid: 16\n  n_layers: 2\n";
    private readonly TempFolder folder = new();
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public UlmfitStagesSpecs()
    {
        TinyCorpus.WriteWikiText(folder.Sub("wt"));
        TinyCorpus.WriteCsv(folder.Sub("texts.csv"));
    }

    public void Dispose() => folder.Dispose();

    private string Write(string name, string yaml)
    {
        var path = folder.Sub(name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private int Run(string spec, string runDir) =>
        LocalSweep.Run(new SweepOptions(spec, runDir, 1, 1, LogFormat.Text, TimeSpan.Zero), stdout, stderr);

    private static string Stage(string name, string data, string model, string train, string? initFrom, string sizes = Sizes, string extra = "") =>
        $"name: {name}\ndata: {data}\nmodel: {model}\n{(initFrom is null ? "" : $"init_from: {initFrom}\n")}"
        + $"train: {{ batch_size: 4, seq_len: 8, {train} }}\nparams:\n{sizes}{extra}";

    private static string Pretrain => Stage("pretrain", "{ kind: wikitext-2, path: wt }", "awd_lstm", "epochs: 1", null, extra: "  lr: 1e-2\n");

    private static string FineTune(string initFrom, string sizes = Sizes) =>
        Stage("finetune", "{ kind: csv, path: texts.csv }", "awd_lstm", "epochs: 2, unfreeze: gradual", initFrom, sizes, "  drop_mult: 0.3\n  lr: 2e-2\n");

    [Fact]
    public void Run_must_chain_pretraining_fine_tuning_and_the_classifier_through_their_artifacts()
    {
        Run(Write("1.yaml", Pretrain), folder.Sub("runs/1")).Should().Be(0, stderr.ToString());
        Run(Write("2.yaml", FineTune("runs/1/best/lm")), folder.Sub("runs/2")).Should().Be(0, stderr.ToString());
        var classify = Stage("classify", "{ kind: csv, path: texts.csv }", "awd_lstm_clas", "epochs: 4, unfreeze: gradual, metric: accuracy", "runs/2/best/encoder",
            extra: "  drop_mult: 0.5\n  lr: 2e-2\n");
        Run(Write("3.yaml", classify), folder.Sub("runs/3")).Should().Be(0, stderr.ToString());

        foreach (var file in new[] { "runs/1/best/encoder", "runs/1/best/lm", "runs/2/best/encoder", "runs/2/best/lm", "runs/3/best/encoder" })
            File.Exists(folder.Sub(file)).Should().BeTrue(file);
        PretrainedWeights.Load(folder.Sub("runs/2/best/encoder")).Vocab.Should().Equal(PretrainedWeights.Load(folder.Sub("runs/3/best/encoder")).Vocab,
            "the classifier numericalizes with the fine-tuned encoder's vocab");
        var rows = File.ReadAllLines(folder.Sub("runs/3/trials.csv"));
        var header = rows[0].Split(',');
        var cells = rows[1].Split(',');
        cells[Array.IndexOf(header, "status")].Should().Be("completed");
        cells[Array.IndexOf(header, "epochs")].Should().Be("4");
        double.Parse(cells[Array.IndexOf(header, "accuracy")], CultureInfo.InvariantCulture).Should().BeInRange(0, 1);
        stdout.ToString().Should().Contain("artifacts of the best trial: ").And.Contain(Path.Combine("runs", "2", "best", "encoder"));
    }

    [Theory]
    [InlineData("missing", "init_from: expected an encoder artifact (RUN_DIR/best/encoder of an earlier run), got no file at '*nothing*encoder'")]
    [InlineData("not-an-artifact", "init_from: expected an encoder artifact (RUN_DIR/best/encoder of an earlier run) at '*texts.csv', got a file that is not one*")]
    [InlineData("other-sizes", "*trial-0000*init_from: the artifact at '*encoder' does not fit the trial's awd_lstm (emb_sz, n_hid, n_layers): expected a target AWD-LSTM with emb 8, hidden 16, 2 layers, got emb 8, hidden 24, 2 layers")]
    [InlineData("other-model", "init_from: expected model awd_lstm or awd_lstm_clas to start from an encoder artifact, got lmmodel7")]
    public void Run_must_refuse_an_init_from_that_is_not_an_encoder_artifact_for_it_before_anything_runs(string problem, string message)
    {
        using (torch.NewDisposeScope())
        {
            torch.manual_seed(0);
            var vocab = Vocab.FromItos(SpecialTokens.All);
            using var model = new AwdLstm(vocab.Count, new AwdLstmConfig(8, 16, 2));
            PretrainedWeights.FromEncoder(model, vocab).Save(folder.Sub("art/encoder"));
        }
        var spec = problem switch
        {
            "missing" => FineTune("nothing/encoder"),
            "not-an-artifact" => FineTune("texts.csv"),
            "other-sizes" => FineTune("art/encoder", "  emb_sz: 8\n  n_hid: 24\n  n_layers: 2\n"),
            _ => "name: m\ndata: { kind: csv, path: texts.csv }\nmodel: lmmodel7\ninit_from: art/encoder\ntrain: { epochs: 1, batch_size: 4, seq_len: 8 }\n",
        };

        Run(Write("bad.yaml", spec), folder.Sub("run")).Should().Be(2);

        stderr.ToString().Should().Match($"*{message}*");
        Directory.Exists(folder.Sub("run")).Should().BeFalse("nothing runs");
    }
}
