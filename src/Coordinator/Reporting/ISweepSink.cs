namespace Troupe.Coordinator.Reporting;

/// <summary>
/// Where the metrics aggregator hands every sweep event, in order and from its own thread, after recording it in the
/// <see cref="MetricsBook"/>: the text or JSON log (<see cref="SweepLog"/>) or the live view
/// (<see cref="Live.LiveSweepSink"/>). Implementations return without waiting on a terminal.
/// </summary>
internal interface ISweepSink
{
    void Write(SweepEvent e);
}
