using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Reporting.Live;

namespace Troupe.Coordinator.Reporting;

/// <summary>The metrics aggregator's sink for a log format: <see cref="SweepLog"/> for text and JSON, <see cref="LiveSweepSink"/> on the settings' live surface.</summary>
internal static class SweepSinks
{
    /// <exception cref="ArgumentException"><see cref="LogFormat.Live"/> without a surface.</exception>
    public static ISweepSink Create(ReportSettings settings, MetricsBook book, JournalSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Format != LogFormat.Live) return new SweepLog(settings.Output, settings.Format, book, settings.LogStart);
        var surface = settings.Live ?? throw new ArgumentException("metrics: expected a live surface with the live log format, got none", nameof(settings));
        return new LiveSweepSink(surface, book, settings.Epochs, snapshot, settings.LogStart);
    }
}
