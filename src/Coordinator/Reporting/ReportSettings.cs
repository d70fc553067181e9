using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting;

/// <summary>What the metrics aggregator needs to log and rank: the writer and format, the spec's metric and mode, the epochs per trial.</summary>
internal sealed record ReportSettings(TextWriter Output, LogFormat Format, string Metric, MetricMode Mode, int Epochs);
