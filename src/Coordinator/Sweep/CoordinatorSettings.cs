using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Reporting.Live;

namespace Troupe.Coordinator.Sweep;

/// <summary>
/// Where and how a coordinator runs a sweep: the run directory (journal, checkpoints, results), the folder the spec's
/// relative data paths resolve against, the log's writer and format, and how often a progress line is written
/// (zero: never). With <see cref="LogFormat.Live"/>, <see cref="Live"/> is the surface the view draws on. For data-parallel
/// trials: <see cref="GroupTimeout"/> bounds each group's rendezvous and collectives (a dead replica fails the others
/// within it), and an elastic trial (<c>replicas: 2..4</c>) waits <see cref="ElasticWait"/> for its full gang before it
/// starts with fewer replicas (at once after a failure).
/// </summary>
internal sealed record CoordinatorSettings(string RunDirectory, string? SpecBaseDirectory, TextWriter Output, LogFormat Format, TimeSpan ProgressInterval)
{
    internal ILiveSurface? Live { get; init; }

    /// <summary>The UTC time log lines count from (the coordinator node's start, which its membership lines use); null: the sweep's start.</summary>
    public DateTime? LogStart { get; init; }

    public TimeSpan GroupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ElasticWait { get; init; } = TimeSpan.FromSeconds(30);
}
