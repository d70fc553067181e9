using System.CommandLine;
using System.Globalization;
using Troupe.Coordinator.Reporting;
using Troupe.Training.Experiments;
using Troupe.Training.Transfer;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// <c>troupe-coordinator ulmfit pretrain|finetune|classify|chain</c>: fastai's ULMFiT chain as written in
/// <c>experiments/ulmfit-*.yaml</c> (embedded, see <see cref="UlmfitStage"/>), so the recipe lives in one place. Each
/// stage runs its spec, with the command's paths and epochs and any <c>--set</c> written into it (<c>OUT/ID.yaml</c>),
/// as a one-trial sweep on one in-process worker in <c>OUT/ID</c> (<see cref="LocalSweep"/>; an existing run directory
/// is resumed). <c>chain</c> feeds each stage the artifact the previous one left in its run directory's <c>best/</c>.
/// Exit codes as <c>run</c>'s; 2 before anything runs when an option or a resulting spec is invalid.
/// </summary>
internal static class UlmfitCommand
{
    public static Command Create()
    {
        var command = new Command("ulmfit",
            "ULMFiT as experiments/ulmfit-*.yaml: pretrain an AWD-LSTM on WikiText-2, fine-tune it on IMDB texts, train a sentiment classifier on its encoder.");
        var outDir = new Option<string>("--out")
        {
            Description = "Folder for each stage's spec (ID.yaml) and run directory (ID, with best/ artifacts); an existing run directory is resumed.",
            Required = true,
        };
        var wikitext = new Option<string>("--wikitext") { Description = "WikiText-2 folder (valid.txt trains, test.txt validates): data.path of stage 1.", DefaultValueFactory = _ => "../shared/data/wikitext-2" };
        var csv = new Option<string>("--csv") { Description = "IMDB sample CSV (label, text, is_valid): data.path of stages 2 and 3.", DefaultValueFactory = _ => "../shared/data/imdb_sample/texts.csv" };
        var lm = new Option<string?>("--lm") { Description = "Language model to fine-tune (RUN_DIR/best/lm of a pretrain run): init_from; none trains from scratch." };
        var encoder = new Option<string?>("--encoder") { Description = "Encoder for the classifier (RUN_DIR/best/encoder of a finetune run): init_from; none trains from scratch." };
        var pretrainEpochs = new Option<int?>("--pretrain-epochs") { Description = "train.epochs of stage 1 (default: the spec's)." };
        var fineTuneEpochs = new Option<int?>("--finetune-epochs") { Description = "train.epochs of stage 2, its frozen first epoch included (default: the spec's)." };
        var noPretraining = new Option<bool>("--no-pretraining") { Description = "chain: only the classifier, without init_from (trained from scratch)." };
        var set = new Option<string[]>("--set")
        {
            Description = "Set a scalar of the spec by its dotted path, e.g. --set params.emb_sz=8 (repeatable; wins over the other options). "
                + "In chain it sets each stage whose spec has KEY; STAGE:KEY (pretrain, finetune, classify) sets one.",
            HelpName = "[STAGE:]KEY=VALUE",
            Arity = ArgumentArity.ZeroOrMore,
        };

        SpecOverrides Pretrain(ParseResult r)
        {
            var spec = UlmfitStage.Pretrain.Spec();
            spec.Set("data.path", Path.GetFullPath(r.GetValue(wikitext)!));
            if (r.GetValue(pretrainEpochs) is { } epochs) spec.Set("train.epochs", epochs.ToString(CultureInfo.InvariantCulture));
            return spec;
        }

        SpecOverrides FineTune(ParseResult r, string? from)
        {
            var spec = FromCsv(UlmfitStage.FineTune, r.GetValue(csv)!, from);
            if (r.GetValue(fineTuneEpochs) is { } epochs) spec.Set("train.epochs", epochs.ToString(CultureInfo.InvariantCulture));
            return spec;
        }

        SpecOverrides Classify(ParseResult r, string? from) => FromCsv(UlmfitStage.Classify, r.GetValue(csv)!, from);

        Command Stage(string name, string description, Func<ParseResult, IReadOnlyList<(UlmfitStage, SpecOverrides)>> plan, params Option[] options)
        {
            var stage = new Command(name, description) { outDir, set };
            foreach (var option in options) stage.Options.Add(option);
            stage.SetAction((result, cancel) => Task.FromResult(Invoke(result, name, () => plan(result), result.GetValue(outDir)!, result.GetValue(set) ?? [], cancel)));
            return stage;
        }

        command.Subcommands.Add(Stage("pretrain", "Stage 1 (experiments/ulmfit-1-pretrain.yaml): pretrain the language model on WikiText-2.",
            r => [(UlmfitStage.Pretrain, Pretrain(r))], wikitext, pretrainEpochs));
        command.Subcommands.Add(Stage("finetune", "Stage 2 (experiments/ulmfit-2-finetune.yaml): fine-tune the language model on the IMDB texts.",
            r => [(UlmfitStage.FineTune, FineTune(r, Absolute(r.GetValue(lm))))], csv, lm, fineTuneEpochs));
        command.Subcommands.Add(Stage("classify", "Stage 3 (experiments/ulmfit-3-classify.yaml): train the sentiment classifier (gradual unfreezing).",
            r => [(UlmfitStage.Classify, Classify(r, Absolute(r.GetValue(encoder))))], csv, encoder));
        command.Subcommands.Add(Stage("chain", "All three stages, each starting from the artifact the previous one left in its run directory.", r =>
        {
            if (r.GetValue(noPretraining)) return [(UlmfitStage.Classify, Classify(r, null))];
            var dir = Path.GetFullPath(r.GetValue(outDir)!);
            var lmArtifact = Path.Combine(UlmfitStage.Pretrain.RunDirectory(dir), TrialArtifacts.BestFolder, TrialArtifacts.LanguageModelFile);
            var encoderArtifact = Path.Combine(UlmfitStage.FineTune.RunDirectory(dir), TrialArtifacts.BestFolder, TrialArtifacts.EncoderFile);
            return [(UlmfitStage.Pretrain, Pretrain(r)), (UlmfitStage.FineTune, FineTune(r, lmArtifact)), (UlmfitStage.Classify, Classify(r, encoderArtifact))];
        }, wikitext, csv, pretrainEpochs, fineTuneEpochs, noPretraining));
        return command;
    }

    private static string? Absolute(string? path) => path is null ? null : Path.GetFullPath(path);

    /// <summary>Stage 2 or 3 on <paramref name="csv"/>, from <paramref name="initFrom"/> (none: without init_from).</summary>
    private static SpecOverrides FromCsv(UlmfitStage stage, string csv, string? initFrom)
    {
        var spec = stage.Spec();
        spec.Set("data.path", Path.GetFullPath(csv));
        if (initFrom is null) spec.Remove("init_from");
        else spec.Set("init_from", initFrom);
        return spec;
    }

    private static int Invoke(ParseResult result, string command, Func<IReadOnlyList<(UlmfitStage Stage, SpecOverrides Spec)>> plan, string outDir,
        IReadOnlyList<string> sets, CancellationToken cancel)
    {
        var stdout = result.InvocationConfiguration.Output;
        var stderr = result.InvocationConfiguration.Error;
        string dir;
        IReadOnlyList<(UlmfitStage Stage, SpecOverrides Spec)> stages;
        LogFormat format;
        try
        {
            dir = Path.GetFullPath(outDir);
            stages = plan();
            foreach (var assignment in sets) Apply(stages, assignment);
            // The live table needs the terminal; any other writer (a test's) gets text lines.
            format = ReferenceEquals(stdout, Console.Out) ? LogFormatChoice.Resolve(RunCommand.Env("TROUPE_LOG_FORMAT"), TerminalFacts.Detect()) : LogFormat.Text;
            // Every stage's spec is written and checked before the first one trains (a later stage's init_from exists only then).
            Directory.CreateDirectory(dir);
            var reader = new ExperimentSpecReader(SweepValidation.ModelNames);
            foreach (var (stage, spec) in stages)
            {
                File.WriteAllText(stage.SpecPath(dir), spec.ToYaml());
                reader.Load(stage.SpecPath(dir));
            }
        }
        catch (Exception e) when (e is ArgumentException or SpecException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"troupe-coordinator ulmfit {command}: {ErrorText.Of(e)}");
            return 2;
        }
        foreach (var (stage, _) in stages)
        {
            stdout.WriteLine($"ulmfit {stage.Name}: {stage.SpecPath(dir)} (experiments/ulmfit-{stage.Id}.yaml with this command's options), run directory {stage.RunDirectory(dir)}");
            var code = LocalSweep.Run(new SweepOptions(stage.SpecPath(dir), stage.RunDirectory(dir), 1, 1, format, TimeSpan.FromSeconds(10)), stdout, stderr, cancel);
            if (code != 0) return code;
        }
        return 0;
    }

    /// <summary>One <c>--set [STAGE:]KEY=VALUE</c>: to the named stage, else to each stage whose spec has KEY (at least one).</summary>
    private static void Apply(IReadOnlyList<(UlmfitStage Stage, SpecOverrides Spec)> stages, string assignment)
    {
        var (key, value) = SpecOverrides.ParseAssignment(assignment);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var name = key[..colon];
            var target = stages.FirstOrDefault(s => s.Stage.Name == name).Spec
                ?? throw new ArgumentException($"--set {key}: expected a stage this command runs ({string.Join(", ", stages.Select(s => s.Stage.Name))}), got '{name}'");
            target.Set(key[(colon + 1)..], value);
            return;
        }
        var having = stages.Where(s => s.Spec.Has(key)).ToList();
        // No stage has it: the first one's error names the keys there are.
        if (having.Count == 0) stages[0].Spec.Set(key, value);
        foreach (var (_, spec) in having) spec.Set(key, value);
    }
}
