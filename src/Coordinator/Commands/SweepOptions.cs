using Troupe.Coordinator.Reporting;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// What <c>run</c> or <c>resume</c> was asked for: a spec (null for <c>resume</c>, which reads it from the journal), a
/// run directory (null: <c>runs/NAME-TIMESTAMP</c>), in-process workers and their slots, the log format and how often a
/// progress line is written; <see cref="DryRun"/> only validates the spec and lists its trials.
/// </summary>
internal sealed record SweepOptions(string? SpecPath, string? RunDirectory, int LocalWorkers, int SlotsPerWorker, LogFormat Format, TimeSpan ProgressInterval,
    bool DryRun = false)
{
    public void Validate()
    {
        if (LocalWorkers < 1) throw new ArgumentException($"--local-workers: expected >= 1, got {LocalWorkers}");
        if (SlotsPerWorker < 1) throw new ArgumentException($"--slots: expected >= 1, got {SlotsPerWorker}");
        if (ProgressInterval < TimeSpan.Zero) throw new ArgumentException($"--progress-every: expected >= 0 seconds, got {ProgressInterval.TotalSeconds}");
    }
}
