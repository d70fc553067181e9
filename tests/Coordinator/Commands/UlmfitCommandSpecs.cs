using System.CommandLine;
using Troupe.Coordinator.Commands;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Experiments;
using Troupe.Training.Tests.Support;

namespace Troupe.Coordinator.Tests.Commands;

/// <summary>
/// <c>troupe-coordinator ulmfit</c> in this process: it runs the embedded experiments/ulmfit-*.yaml (byte for byte the
/// repository's) with its options and <c>--set</c> written in, and refuses bad input before anything runs.
/// </summary>
public sealed class UlmfitCommandSpecs : IDisposable
{
    private static readonly string Experiments = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../experiments"));
    private static readonly string[] Tiny = ["--set", "params.emb_sz=8", "--set", "params.n_hid=16", "--set", "train.batch_size=4", "--set", "train.seq_len=8"];
    private readonly TempFolder folder = new();
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public UlmfitCommandSpecs()
    {
        TinyCorpus.WriteWikiText(folder.Sub("wt"));
        TinyCorpus.WriteCsv(folder.Sub("texts.csv"));
    }

    public void Dispose() => folder.Dispose();

    private string Out => folder.Sub("out");

    private int Ulmfit(params string[] args) =>
        new RootCommand { UlmfitCommand.Create() }.Parse(["ulmfit", .. args]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });

    private static ExperimentSpec Read(string path) => new ExperimentSpecReader(SweepValidation.ModelNames).Load(path);

    public static TheoryData<string> Stages() => [.. UlmfitStage.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Stages))]
    public void Embedded_spec_must_be_byte_identical_to_the_one_in_experiments(string name)
    {
        var stage = UlmfitStage.All.Single(s => s.Name == name);

        stage.SpecBytes().Should().Equal(File.ReadAllBytes(Path.Combine(Experiments, $"ulmfit-{stage.Id}.yaml")));
    }

    [Fact]
    public void Ulmfit_chain_must_run_the_three_specs_each_from_the_previous_stages_artifact()
    {
        var code = Ulmfit(["chain", "--out", Out, "--wikitext", folder.Sub("wt"), "--csv", folder.Sub("texts.csv"),
            "--pretrain-epochs", "1", "--finetune-epochs", "2", .. Tiny, "--set", "classify:train.epochs=4"]);

        code.Should().Be(0, stderr.ToString());
        foreach (var file in new[] { "1-pretrain/best/lm", "1-pretrain/best/encoder", "2-finetune/best/encoder", "3-classify/best/encoder" })
            File.Exists(Path.Combine(Out, file)).Should().BeTrue(file);
        var rows = File.ReadAllLines(Path.Combine(Out, "3-classify", "trials.csv"));
        var header = rows[0].Split(',');
        rows.Should().HaveCount(2);
        rows[1].Split(',')[Array.IndexOf(header, "status")].Should().Be("completed");
        rows[1].Split(',')[Array.IndexOf(header, "epochs")].Should().Be("4");
        var (pretrain, fineTune, classify) = (Read(Path.Combine(Out, "1-pretrain.yaml")), Read(Path.Combine(Out, "2-finetune.yaml")), Read(Path.Combine(Out, "3-classify.yaml")));
        (pretrain.Name, pretrain.Train.Epochs, pretrain.Data.Path).Should().Be(("ulmfit-1-pretrain", 1, folder.Sub("wt")));
        fineTune.InitFrom.Should().Be(Path.Combine(Out, "1-pretrain", "best", "lm"));
        (fineTune.Train.Epochs, fineTune.Data.ValidPct).Should().Be((2, 0.1), "the rest of the spec is experiments/ulmfit-2-finetune.yaml's");
        classify.InitFrom.Should().Be(Path.Combine(Out, "2-finetune", "best", "encoder"));
        classify.Train.BatchSize.Should().Be(4);
        stdout.ToString().Should().Contain("sweep ulmfit-3-classify finished: 1 completed");
    }

    [Theory]
    [InlineData("chain --set train.epoch=3", "ulmfit chain: --set train.epoch: expected a key of train (epochs, batch_size, seq_len, schedule, metric, mode), got 'epoch'")]
    [InlineData("chain --set params.wdd=0", "ulmfit chain: --set params.wdd: expected a key of params (emb_sz, n_hid, n_layers, lr, wd), got 'wdd'")]
    [InlineData("chain --no-pretraining --set pretrain:params.lr=1", "ulmfit chain: --set pretrain:params.lr: expected a stage this command runs (classify), got 'pretrain'")]
    [InlineData("chain --set params.emb_sz", "ulmfit chain: --set: expected KEY=VALUE (e.g. params.emb_sz=8), got 'params.emb_sz'")]
    [InlineData("chain --set classify:train.epochs=0", "ulmfit chain: *3-classify.yaml:*: train.epochs: expected an integer in [1, 100000], got*")]
    public void Ulmfit_must_refuse_bad_input_before_anything_runs(string args, string message)
    {
        Ulmfit([.. args.Split(' '), "--out", Out, "--wikitext", folder.Sub("wt"), "--csv", folder.Sub("texts.csv")]).Should().Be(2);

        stderr.ToString().Should().Match($"troupe-coordinator {message}*");
        Directory.Exists(Path.Combine(Out, "1-pretrain")).Should().BeFalse("nothing ran");
    }

    [Fact]
    public void Ulmfit_finetune_must_train_from_scratch_without_lm_and_from_the_given_one_with_it()
    {
        // train.epochs 0 stops each command after its spec is written, before it trains.
        Ulmfit("finetune", "--out", Out, "--csv", folder.Sub("texts.csv"), "--set", "train.epochs=0").Should().Be(2);
        var scratch = File.ReadAllText(Path.Combine(Out, "2-finetune.yaml"));
        Ulmfit("finetune", "--out", Out, "--csv", folder.Sub("texts.csv"), "--lm", folder.Sub("runs/1/best/lm"), "--set", "train.epochs=0").Should().Be(2);
        var given = File.ReadAllText(Path.Combine(Out, "2-finetune.yaml"));

        scratch.Should().NotContain("init_from").And.Contain($"path: {folder.Sub("texts.csv")}");
        given.Should().Contain($"init_from: {folder.Sub("runs/1/best/lm")}");
        stderr.ToString().Should().Contain($"{Path.Combine(Out, "2-finetune.yaml")}:").And.Contain("train.epochs: expected an integer in [1, 100000], got");
    }
}
