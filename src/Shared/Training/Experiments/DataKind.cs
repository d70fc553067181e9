namespace Troupe.Training.Experiments;

/// <summary>The spec's <c>data.kind</c>.</summary>
public enum DataKind
{
    /// <summary><c>human-numbers</c>: fastbook chapter 12's corpus, generated in process.</summary>
    HumanNumbers,

    /// <summary><c>text</c>: a plain-text file or folder at <c>path</c>, split into words or characters.</summary>
    Text,

    /// <summary><c>wikitext-2</c>: the WikiText-2 token files in the folder at <c>path</c>.</summary>
    WikiText2,
}
