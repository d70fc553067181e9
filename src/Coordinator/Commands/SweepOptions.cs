using Troupe.Node;
using Troupe.Coordinator.Reporting;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// What <c>run</c> or <c>resume</c> was asked for: a spec (null for <c>resume</c>, which reads it from the journal), a
/// run directory (null: <c>runs/NAME-TIMESTAMP</c>), in-process workers and their slots, the log format and how often a
/// progress line is written; <see cref="DryRun"/> only validates the spec and lists its trials. With
/// <see cref="Cluster"/> the coordinator listens as a cluster node and waits for <see cref="MinWorkers"/> remote workers.
/// </summary>
internal sealed record SweepOptions(string? SpecPath, string? RunDirectory, int LocalWorkers, int SlotsPerWorker, LogFormat Format, TimeSpan ProgressInterval,
    bool DryRun = false, ClusterNodeOptions? Cluster = null, int MinWorkers = 1)
{
    public void Validate()
    {
        if (LocalWorkers < (Cluster is null ? 1 : 0)) throw new ArgumentException($"--local-workers: expected >= {(Cluster is null ? 1 : 0)}, got {LocalWorkers}");
        if (SlotsPerWorker < 1) throw new ArgumentException($"--slots: expected >= 1, got {SlotsPerWorker}");
        if (ProgressInterval < TimeSpan.Zero) throw new ArgumentException($"--progress-every: expected >= 0 seconds, got {ProgressInterval.TotalSeconds}");
        if (MinWorkers < 0) throw new ArgumentException($"--min-workers: expected >= 0, got {MinWorkers}");
        Cluster?.Validate();
    }
}
