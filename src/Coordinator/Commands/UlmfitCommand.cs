using System.CommandLine;
using System.Globalization;
using Troupe.Training.Learning;
using Troupe.Training.Transfer;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// <c>troupe-coordinator ulmfit pretrain|finetune|classify|chain</c>: fastai's ULMFiT chain on WikiText-2 and the
/// IMDB sample, one stage per subcommand (each writes its artifact into <c>--out</c>), or all three.
/// </summary>
internal static class UlmfitCommand
{
    public static Command Create()
    {
        var command = new Command("ulmfit", "ULMFiT: pretrain an AWD-LSTM on WikiText-2, fine-tune it on IMDB texts, train a sentiment classifier on its encoder.");
        var outDir = new Option<string>("--out") { Description = "Folder for the stage's artifacts (lm.weights, encoder.weights, classifier.pth).", Required = true };
        var wikitext = new Option<string>("--wikitext") { Description = "WikiText-2 folder (valid.txt trains, test.txt validates).", DefaultValueFactory = _ => "../shared/data/wikitext-2" };
        var csv = new Option<string>("--csv") { Description = "IMDB sample CSV (label, text, is_valid).", DefaultValueFactory = _ => "../shared/data/imdb_sample/texts.csv" };
        var lm = new Option<string?>("--lm") { Description = "Pretrained language model (lm.weights) to fine-tune; none trains from scratch." };
        var encoder = new Option<string?>("--encoder") { Description = "Fine-tuned encoder (encoder.weights) for the classifier; none trains from scratch." };
        var pretrainEpochs = new Option<int>("--pretrain-epochs") { DefaultValueFactory = _ => new UlmfitOptions().PretrainEpochs, Description = "Epochs of LM pretraining." };
        var fineTuneEpochs = new Option<int>("--finetune-epochs") { DefaultValueFactory = _ => new UlmfitOptions().FineTuneEpochs, Description = "Unfrozen epochs of LM fine-tuning." };
        var noPretraining = new Option<bool>("--no-pretraining") { Description = "chain: skip pretraining and fine-tuning (the classifier starts from scratch)." };

        Command Stage(string name, string description, Func<ParseResult, UlmfitOptions, StageResult[]> run, params Option[] options)
        {
            var stage = new Command(name, description) { outDir };
            foreach (var option in options) stage.Options.Add(option);
            stage.SetAction(result =>
            {
                var o = new UlmfitOptions { PretrainEpochs = result.GetValue(pretrainEpochs), FineTuneEpochs = result.GetValue(fineTuneEpochs) };
                try
                {
                    foreach (var r in run(result, o)) Report(r);
                    return 0;
                }
                catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
                {
                    Console.Error.WriteLine($"troupe-coordinator ulmfit {name}: {ErrorText.Of(e)}");
                    return 2;
                }
            });
            return stage;
        }

        var sink = new ConsoleProgressSink(Console.Out);
        command.Subcommands.Add(Stage("pretrain", "Pretrain the language model on WikiText-2.",
            (r, o) => [Ulmfit.Pretrain(r.GetValue(wikitext)!, r.GetValue(outDir)!, o, sink)], wikitext, pretrainEpochs));
        command.Subcommands.Add(Stage("finetune", "Fine-tune the language model on the IMDB texts and save its encoder.",
            (r, o) => [Ulmfit.FineTune(r.GetValue(csv)!, r.GetValue(lm), r.GetValue(outDir)!, o, sink)], csv, lm, fineTuneEpochs));
        command.Subcommands.Add(Stage("classify", "Train the sentiment classifier (gradual unfreezing).",
            (r, o) => [Ulmfit.Classify(r.GetValue(csv)!, r.GetValue(encoder), r.GetValue(outDir)!, o, sink)], csv, encoder));
        command.Subcommands.Add(Stage("chain", "All three stages, each consuming the previous stage's artifact.", (r, o) =>
        {
            var dir = r.GetValue(outDir)!;
            if (r.GetValue(noPretraining)) return [Ulmfit.Classify(r.GetValue(csv)!, null, dir, o, sink)];
            var pre = Ulmfit.Pretrain(r.GetValue(wikitext)!, dir, o, sink);
            var tuned = Ulmfit.FineTune(r.GetValue(csv)!, pre.Artifact, dir, o, sink);
            return [pre, tuned, Ulmfit.Classify(r.GetValue(csv)!, tuned.Artifact, dir, o, sink)];
        }, wikitext, csv, pretrainEpochs, fineTuneEpochs, noPretraining));
        return command;
    }

    private static void Report(StageResult r)
    {
        var last = r.Last;
        var metrics = string.Join(", ", last.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Value:F4}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Stage}: {r.Rows.Count} epochs, vocab {r.VocabSize}, valid_loss {last.ValidLoss:F4}, {metrics}; wrote {Path.GetFullPath(r.Artifact)}"));
    }
}
