using TorchSharp;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Coordinator.Commands;

/// <summary>Trains one model in this process: data, model, TextLearner, fit with a console table, then generation.</summary>
internal static class LocalTraining
{
    public static int Run(LocalTrainingOptions o, TextWriter stdout, TextWriter stderr)
    {
        var recipe = o.Recipe;
        TextDataLoaders dls;
        try
        {
            // Everything that can be wrong with the data fails here, before a model exists.
            dls = TrainingData.Load(o.Data, recipe.Definition.Layout, o.BatchSize, o.SeqLen, (ulong)o.Seed);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            stderr.WriteLine($"troupe-coordinator train: {ErrorText.Of(e)}");
            return 2;
        }
        var prompt = o.Corpus == DataKind.HumanNumbers ? o.Prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : (o.Tokens == TokenizerKind.Char ? Tokenizer.Characters : Tokenizer.Default).Tokenize(o.Prompt);
        if (o.Generate > 0 && dls.Vocab.UnknownIndex is null && prompt.FirstOrDefault(t => !dls.Vocab.Contains(t)) is { } unknown)
        {
            stderr.WriteLine($"troupe-coordinator train: --prompt: expected words from the vocab ({string.Join(" ", dls.Vocab.Itos)}), got '{unknown}'");
            return 2;
        }
        torch.manual_seed(o.Seed);
        using var model = ModelRegistry.Create(recipe.Model, dls.Vocab, recipe.ModelParams.Values);
        var options = new LearnerOptions { Threads = o.Threads };
        using var learn = TextLearner.Create(dls, model, recipe.Alpha, recipe.Beta, options, [new ProgressCallback(new ConsoleProgressSink(stdout))]);
        stdout.WriteLine($"{recipe.Model} ({recipe.ModelParams}) on {LocalTrainingOptions.CorpusName(o.Corpus)}: {dls.Vocab.Count} tokens, bs {o.BatchSize}, "
            + $"{dls.Train.BatchCount} training batches; fit_one_cycle({o.EpochCount}, {recipe.Lr}, wd={recipe.Wd?.ToString() ?? "0.01"}), alpha {recipe.Alpha}, beta {recipe.Beta}");
        using (var run = learn.BeginFit(recipe.Plan(o.EpochCount)))
        {
            run.RunToEnd();
            if (o.CheckpointPath is { } path)
            {
                run.Checkpoint().WithTags(new Dictionary<string, string> { ["model"] = recipe.Model, ["params"] = recipe.ModelParams.ToString() }).Save(path);
                stdout.WriteLine($"checkpoint written to {Path.GetFullPath(path)}");
            }
        }
        if (o.Generate > 0)
        {
            foreach (var temperature in o.Temperatures)
            {
                var sampling = new SamplingOptions(temperature, o.TopK, o.Seed);
                var ids = TextGenerator.Generate(model, dls.Vocab.Numericalize(prompt), o.Generate, sampling, dls.Vocab.UnknownIndex);
                var text = dls.Vocab.Textify(ids, o.Tokens == TokenizerKind.Char && o.Corpus != DataKind.HumanNumbers ? "" : " ");
                stdout.WriteLine($"generated ({(temperature == 0 ? "greedy" : $"temperature {temperature}")}):");
                stdout.WriteLine(text);
            }
        }
        return 0;
    }
}
