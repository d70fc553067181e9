namespace Troupe.Training.Models;

/// <summary>What a model predicts: the next token (a language model) or a document's class (a classifier).</summary>
public enum ModelKind
{
    LanguageModel,
    Classifier,
}
