namespace Troupe.Training.Text;

/// <summary>fastai's <c>DataLoaders</c> for text: a training loader, a validation loader and the vocab both use.</summary>
public sealed record TextDataLoaders(ITextDataLoader Train, ITextDataLoader Valid, Vocab Vocab);
