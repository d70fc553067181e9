using System.CommandLine;
using System.Globalization;
using Troupe.Training.Experiments;
using Troupe.Training.Models;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// <c>troupe-coordinator train</c>: one model, one process, fastai's table per epoch, then generated text.
/// Options map to <see cref="LocalTrainingOptions"/>; every bad value stops before training with exit code 2.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m")
        {
            Description = $"Model to train, from the registry: {string.Join(", ", ModelRegistry.Names)}.",
            DefaultValueFactory = _ => "lmmodel7",
        };
        var epochs = new Option<int?>("--epochs", "-e") { Description = "Epochs (default: the book's recipe for the model, 15 for lmmodel7)." };
        var lr = new Option<double?>("--lr") { Description = "Peak learning rate of fit_one_cycle (default: the book's, 1e-2 for lmmodel7)." };
        var wd = new Option<double?>("--wd") { Description = "Decoupled weight decay (default: the book's, 0.1 for lmmodel7; fastai's 0.01 otherwise)." };
        var alpha = new Option<double?>("--alpha") { Description = "RNNRegularizer AR weight on dropped activations (default 2 for lmmodel7/awd_lstm)." };
        var beta = new Option<double?>("--beta") { Description = "RNNRegularizer TAR weight on raw activations (default 1 for lmmodel7/awd_lstm)." };
        var hp = new Option<string[]>("--hp")
        {
            Description = "Model hyperparameter NAME=VALUE, repeatable: n_hidden, n_layers, p (lmmodel7), emb_sz, n_hid, drop_mult (awd_lstm)...",
            AllowMultipleArgumentsPerToken = true,
        };
        var data = new Option<string?>("--data", "-d")
        {
            Description = "human-numbers: a folder with train.txt and valid.txt (default: generated in memory, byte-identical to fastai's); "
                + "wikitext-2: the folder with its token files; text: a file (the last tenth of lines validates) or a folder with train.txt and valid.txt.",
        };
        var corpus = new Option<string>("--corpus")
        {
            Description = "What to train on: human-numbers, wikitext-2 or text.",
            DefaultValueFactory = _ => "human-numbers",
        };
        corpus.AcceptOnlyFromAmong("human-numbers", "wikitext-2", "text");
        var tokenizer = new Option<string>("--tokenizer")
        {
            Description = "For text corpora: word (fastai's rules and spaCy-like words) or char (one token per character).",
            DefaultValueFactory = _ => "word",
        };
        tokenizer.AcceptOnlyFromAmong("word", "char");
        var bs = new Option<int>("--bs") { Description = "Batch size (rows of parallel streams).", DefaultValueFactory = _ => 64 };
        var seqLen = new Option<int>("--seq-len") { Description = "Tokens per row per batch (BPTT length) for sequence models.", DefaultValueFactory = _ => 16 };
        var seed = new Option<int>("--seed") { Description = "Seed of torch's RNG (weights, dropout masks) and of the sampler.", DefaultValueFactory = _ => 42 };
        var generate = new Option<int>("--generate") { Description = "Tokens to generate after training (0: none).", DefaultValueFactory = _ => 20 };
        var prompt = new Option<string>("--prompt") { Description = "Prompt for generation.", DefaultValueFactory = _ => "one thousand two hundred" };
        var temperature = new Option<double[]>("--temperature")
        {
            Description = "Sampling temperature; 0 is greedy (argmax). Several values print one sample each (e.g. --temperature 0.5 1.0).",
            DefaultValueFactory = _ => [0],
            AllowMultipleArgumentsPerToken = true,
        };
        var topK = new Option<int?>("--top-k") { Description = "Sample only among the K most likely tokens." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Write the final checkpoint (model, optimizer, RNG, vocab) to this file." };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (1 is fastest for these small models).", DefaultValueFactory = _ => 1 };

        var command = new Command("train", "Train one model in this process (Human Numbers by default) and print fastai's results table, then generated text.")
        {
            model, epochs, lr, wd, alpha, beta, hp, data, corpus, tokenizer, bs, seqLen, seed, generate, prompt, temperature, topK, checkpoint, threads,
        };
        command.SetAction(result =>
        {
            LocalTrainingOptions options;
            try
            {
                var kind = result.GetValue(corpus) switch { "wikitext-2" => DataKind.WikiText2, "text" => DataKind.Text, _ => DataKind.HumanNumbers };
                // A model whose general defaults are sized for another corpus trains Human Numbers with its recipe for it.
                var corpusRecipe = kind == DataKind.HumanNumbers ? ModelRegistry.Get(result.GetValue(model)!).HumanNumbers : null;
                var parameters = new Dictionary<string, double>(corpusRecipe?.Parameters ?? new Dictionary<string, double>());
                foreach (var (name, value) in ParseHyperparameters(result.GetValue(hp) ?? [])) parameters[name] = value;
                if (result.GetValue(lr) is { } l) parameters["lr"] = l;
                if (result.GetValue(wd) is { } w) parameters["wd"] = w;
                if (result.GetValue(alpha) is { } a) parameters["alpha"] = a;
                if (result.GetValue(beta) is { } b) parameters["beta"] = b;
                options = new LocalTrainingOptions(
                    TrialRecipe.Resolve(result.GetValue(model)!, parameters), result.GetValue(epochs) ?? corpusRecipe?.Epochs, result.GetValue(data), result.GetValue(bs),
                    result.GetValue(seqLen), result.GetValue(seed), result.GetValue(generate), result.GetValue(prompt)!, result.GetValue(temperature) ?? [0],
                    result.GetValue(topK), result.GetValue(checkpoint), result.GetValue(threads),
                    kind,
                    result.GetValue(tokenizer) == "char" ? TokenizerKind.Char : TokenizerKind.Word);
                options.Validate();
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"troupe-coordinator train: {ErrorText.Of(e)}");
                return 2;
            }
            return LocalTraining.Run(options, Console.Out, Console.Error);
        });
        return command;
    }

    private static Dictionary<string, double> ParseHyperparameters(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, double>();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || !double.TryParse(pair[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new ArgumentException($"--hp: expected NAME=NUMBER (e.g. n_hidden=128), got '{pair}'");
            result[pair[..eq]] = value;
        }
        return result;
    }
}
