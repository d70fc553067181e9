using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// How a sweep ended: <see cref="State"/> <c>finished</c> (every trial completed, stopped early or failed) or
/// <c>aborted</c> (with <see cref="Error"/>), the counts, and the best trial by the spec's metric.
/// </summary>
public sealed record SweepSummary(
    string Name,
    string RunDirectory,
    string State,
    int Trials,
    int Completed,
    int Stopped,
    int Failed,
    string Metric,
    string? BestTrial,
    double? BestMetric,
    ParamSet? BestParams,
    TimeSpan Elapsed,
    string? Error = null)
{
    public bool Succeeded => State == "finished" && Failed == 0;
}
