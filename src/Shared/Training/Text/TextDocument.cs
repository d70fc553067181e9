namespace Troupe.Training.Text;

/// <summary>One document of a corpus: a title (a WikiText heading, a file name; may be empty) and its raw text.</summary>
public sealed record TextDocument(string Title, string Text);
