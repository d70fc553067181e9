using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting;

// Coordinator ↔ metrics aggregator (in process), besides the SweepEvents it logs.

/// <summary>How one trial ended, from the coordinator's table.</summary>
internal sealed record TrialOutcome(TrialConfig Config, TrialStatus Status, int Attempts, string? Worker);

/// <summary>Write trials.csv, summary.md and curves.svg; answered by <see cref="ResultsWritten"/>.</summary>
internal sealed record WriteResults(IReadOnlyList<TrialOutcome> Trials, SweepSummary Summary);

/// <summary>The results files are written; or, with <see cref="Error"/>, they could not be (the aggregator then restarts).</summary>
internal sealed record ResultsWritten(string? Error = null);

/// <summary>Answered with <see cref="LogFlushed"/> once every event sent before it is written.</summary>
internal sealed record FlushLog;

internal sealed record LogFlushed;
