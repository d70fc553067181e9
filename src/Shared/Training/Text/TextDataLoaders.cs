namespace Troupe.Training.Text;

/// <summary>
/// fastai's <c>DataLoaders</c> for text: a training loader, a validation loader and the vocab both use; for labeled
/// data, <see cref="Classes"/> names the label each index stands for (fastai's CategoryBlock vocab).
/// </summary>
public sealed record TextDataLoaders(ITextDataLoader Train, ITextDataLoader Valid, Vocab Vocab)
{
    /// <summary>The class names of a classifier's labels (index = label), or null for language-model data.</summary>
    public IReadOnlyList<string>? Classes { get; init; }
}
