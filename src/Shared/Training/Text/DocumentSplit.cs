namespace Troupe.Training.Text;

/// <summary>How <see cref="PlainText"/> cuts a text file into documents.</summary>
public enum DocumentSplit
{
    /// <summary>Each file is one document.</summary>
    File,

    /// <summary>Each run of lines between blank lines is one document.</summary>
    Paragraph,

    /// <summary>Each non-blank line is one document.</summary>
    Line,
}
