using Troupe.Training.Experiments;

namespace Troupe.Coordinator.Commands;

/// <summary>What <c>train</c> was asked for; <see cref="Validate"/> checks everything a training run cannot check later.</summary>
internal sealed record LocalTrainingOptions(
    TrialRecipe Recipe,
    int? Epochs,
    string? DataFolder,
    int BatchSize,
    int SeqLen,
    int Seed,
    int Generate,
    string Prompt,
    IReadOnlyList<double> Temperatures,
    int? TopK,
    string? CheckpointPath,
    int Threads,
    DataKind Corpus = DataKind.HumanNumbers,
    TokenizerKind Tokens = TokenizerKind.Word)
{
    public DataSpec Data => new(Corpus, DataFolder, Tokens);

    public int EpochCount => Epochs ?? Recipe.Definition.Recipe.Epochs;

    public void Validate()
    {
        if (EpochCount < 1) throw new ArgumentException($"--epochs: expected >= 1, got {EpochCount}");
        if (BatchSize < 1) throw new ArgumentException($"--bs: expected >= 1, got {BatchSize}");
        if (SeqLen < 1) throw new ArgumentException($"--seq-len: expected >= 1, got {SeqLen}");
        if (Generate < 0) throw new ArgumentException($"--generate: expected >= 0, got {Generate}");
        if (Temperatures.Count == 0 || Temperatures.Any(t => !(t >= 0) || double.IsInfinity(t)))
            throw new ArgumentException($"--temperature: expected values >= 0, got [{string.Join(", ", Temperatures)}]");
        if (TopK is < 1) throw new ArgumentException($"--top-k: expected >= 1, got {TopK}");
        if (Threads < 1) throw new ArgumentException($"--threads: expected >= 1, got {Threads}");
        if (Corpus == DataKind.HumanNumbers && DataFolder is not null && !Directory.Exists(DataFolder))
            throw new ArgumentException($"--data: expected a folder with train.txt and valid.txt, got no folder at '{Path.GetFullPath(DataFolder)}'");
        if (Corpus != DataKind.HumanNumbers && DataFolder is null)
            throw new ArgumentException($"--data: expected a path for --corpus {CorpusName(Corpus)}, got none");
        if (Corpus != DataKind.HumanNumbers && Recipe.Definition.Layout != Training.Models.DataLayout.Sequence)
            throw new ArgumentException($"--model: expected a sequence model (lmmodel4..lmmodel7, awd_lstm) for --corpus {CorpusName(Corpus)}, got {Recipe.Model}");
    }

    public static string CorpusName(DataKind kind) => kind switch
    {
        DataKind.HumanNumbers => "human-numbers",
        DataKind.WikiText2 => "wikitext-2",
        _ => "text",
    };
}
