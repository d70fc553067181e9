namespace Troupe.Training.Models;

/// <summary>
/// The book's training recipe for a model: <c>fit_one_cycle(Epochs, Lr, wd=Wd)</c> with, for the regularized
/// models, <c>RNNRegularizer(alpha=Alpha, beta=Beta)</c>. Wd null keeps fastai's Adam default (0.01).
/// </summary>
public sealed record ModelRecipe(int Epochs, double Lr, double? Wd = null, double Alpha = 0, double Beta = 0);
