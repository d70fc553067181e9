using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>TextLearner</c>: a <see cref="Learner"/> with <see cref="ModelResetter"/> for models that keep
/// hidden state and <c>RNNRegularizer(alpha, beta)</c> for models that return their activations.
/// </summary>
public static class TextLearner
{
    public static Learner Create(TextDataLoaders dls, LanguageModel model, double alpha = 2, double beta = 1, LearnerOptions? options = null,
        IEnumerable<Callback>? cbs = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var list = new List<Callback>();
        if (model.IsStateful) list.Add(new ModelResetter());
        if (model.ReturnsActivations && (alpha != 0 || beta != 0)) list.Add(new RNNRegularizer(alpha, beta));
        list.AddRange(cbs ?? []);
        return new Learner(dls, model, options, list);
    }
}
