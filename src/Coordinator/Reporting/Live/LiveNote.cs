namespace Troupe.Coordinator.Reporting.Live;

/// <summary>One line under the live table: a sweep event's or membership change's log line, or a warning (a failed attempt, a logged error).</summary>
internal sealed record LiveNote(string Text, bool Warning);
