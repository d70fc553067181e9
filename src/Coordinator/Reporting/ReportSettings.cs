using Troupe.Coordinator.Reporting.Live;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// What the metrics aggregator needs to log and rank: the writer and format, the spec's metric and mode, the epochs
/// per trial, for <see cref="LogFormat.Live"/> the surface the view draws on, and the UTC time log times count from
/// (null: the aggregator's start).
/// </summary>
internal sealed record ReportSettings(TextWriter Output, LogFormat Format, string Metric, MetricMode Mode, int Epochs, ILiveSurface? Live = null,
    DateTime? LogStart = null);
