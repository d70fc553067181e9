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

    /// <summary>
    /// <c>csv</c>: a CSV file at <c>path</c> with <c>label</c>, <c>text</c> and <c>is_valid</c> columns (fastai's IMDB sample):
    /// language-model data from its texts for language models, labeled documents for classifiers.
    /// </summary>
    Csv,
}
