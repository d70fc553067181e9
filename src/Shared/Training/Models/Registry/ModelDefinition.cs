using Troupe.Training.Text;

namespace Troupe.Training.Models;

/// <summary>
/// One entry of the <see cref="ModelRegistry"/>: a name a trial spec uses, what it is, how it wants data
/// laid out, what it can take part in (<see cref="ModelCapabilities"/>), its hyperparameters with their defaults (fastai's names: n_hidden, n_layers, p, emb_sz, ...),
/// the book's recipe and a factory taking the vocab and a complete set of hyperparameters. A classifier
/// (<see cref="DataLayout.Labeled"/>) is built by <see cref="LabeledFactory"/> instead, from the loaders (vocab,
/// classes, BPTT length and pad of its batches); its <see cref="Factory"/> refuses a vocab alone.
/// </summary>
public sealed record ModelDefinition(
    string Name,
    string Summary,
    DataLayout Layout,
    ModelCapabilities Capabilities,
    IReadOnlyDictionary<string, double> Defaults,
    ModelRecipe Recipe,
    Func<Vocab, Hyperparameters, LanguageModel> Factory)
{
    /// <summary>For classifiers: builds the model from labeled loaders and hyperparameters; null for language models.</summary>
    public Func<TextDataLoaders, Hyperparameters, LanguageModel>? LabeledFactory { get; init; }

    /// <summary>Defaults on Human Numbers when the general ones are sized for another corpus (AWD-LSTM's are WikiText-103's); null when they fit.</summary>
    public CorpusRecipe? HumanNumbers { get; init; }
}
