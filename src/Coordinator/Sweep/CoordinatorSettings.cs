using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Reporting.Live;

namespace Troupe.Coordinator.Sweep;

/// <summary>
/// Where and how a coordinator runs a sweep: the run directory (journal, checkpoints, results), the folder the spec's
/// relative data paths resolve against, the log's writer and format, and how often a progress line is written
/// (zero: never). With <see cref="LogFormat.Live"/>, <see cref="Live"/> is the surface the view draws on.
/// </summary>
public sealed record CoordinatorSettings(string RunDirectory, string? SpecBaseDirectory, TextWriter Output, LogFormat Format, TimeSpan ProgressInterval)
{
    internal ILiveSurface? Live { get; init; }

    /// <summary>The UTC time log lines count from (the coordinator node's start, which its membership lines use); null: the sweep's start.</summary>
    public DateTime? LogStart { get; init; }
}
