namespace Troupe.Training.Experiments;

/// <summary>The spec's <c>data.tokenizer</c> for <c>kind: text</c>.</summary>
public enum TokenizerKind
{
    Word,
    Char,
}
