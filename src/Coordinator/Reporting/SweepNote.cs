namespace Troupe.Coordinator.Reporting;

/// <summary>What the live view makes of a sweep event's text line: nothing (the table or the bar shows it), a note, or a warning note.</summary>
internal enum SweepNote
{
    None,
    Line,
    Warning,
}
