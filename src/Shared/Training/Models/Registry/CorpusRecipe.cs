namespace Troupe.Training.Models;

/// <summary>
/// A model's defaults for one corpus where the book's (or fastai's) do not fit it: parameters in
/// <see cref="Experiments.TrialRecipe"/>'s flat form (model hyperparameters and <c>lr</c>/<c>wd</c>/<c>alpha</c>/<c>beta</c>)
/// and the epoch count. What a user sets explicitly still wins.
/// </summary>
public sealed record CorpusRecipe(IReadOnlyDictionary<string, double> Parameters, int Epochs);
