using Troupe.Training.Text;

namespace Troupe.Training.Models;

/// <summary>
/// One entry of the <see cref="ModelRegistry"/>: a name a trial spec uses, what it is, how it wants data
/// laid out, its hyperparameters with their defaults (fastai's names: n_hidden, n_layers, p, emb_sz, ...),
/// the book's recipe and a factory taking the vocab and a complete set of hyperparameters.
/// </summary>
public sealed record ModelDefinition(
    string Name,
    string Summary,
    DataLayout Layout,
    IReadOnlyDictionary<string, double> Defaults,
    ModelRecipe Recipe,
    Func<Vocab, Hyperparameters, LanguageModel> Factory);
