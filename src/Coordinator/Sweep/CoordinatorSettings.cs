using Troupe.Coordinator.Reporting;

namespace Troupe.Coordinator.Sweep;

/// <summary>
/// Where and how a coordinator runs a sweep: the run directory (journal, checkpoints, results), the folder the spec's
/// relative data paths resolve against, the log's writer and format, and how often a progress line is written
/// (zero: never).
/// </summary>
public sealed record CoordinatorSettings(string RunDirectory, string? SpecBaseDirectory, TextWriter Output, LogFormat Format, TimeSpan ProgressInterval);
