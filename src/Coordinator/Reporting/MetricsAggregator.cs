using Akka.Actor;
using Troupe.Coordinator.Journal;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// The coordinator's metrics aggregator: keeps every accepted epoch (<see cref="MetricsBook"/>), writes the log
/// (<see cref="SweepLog"/>, or the live view: <see cref="SweepSinks"/>) and <c>metrics.jsonl</c> (rewritten from the journal on start, then appended per epoch),
/// and at the end the results files (trials.csv, summary.md, curves.svg).
/// </summary>
internal sealed class MetricsAggregator : ReceiveActor
{

    private readonly MetricsBook book;
    private readonly ISweepSink log;
    private readonly StreamWriter metricsFile;

    public MetricsAggregator(string runDirectory, IReadOnlyList<TrialConfig> trials, ReportSettings settings, JournalSnapshot? snapshot)
    {
        book = new MetricsBook(trials, new MetricObjective(settings.Metric, settings.Mode));
        log = SweepSinks.Create(settings, book, snapshot);
        Directory.CreateDirectory(runDirectory);
        metricsFile = new StreamWriter(Path.Combine(runDirectory, "metrics.jsonl"), append: false) { AutoFlush = true };
        foreach (var m in snapshot?.Metrics ?? [])
        {
            book.Add(m.TrialId, m.Metrics, live: false);
            metricsFile.WriteLine(SweepJson.MetricsLine(m.TrialId, m.Attempt, m.Metrics));
        }

        Receive<SweepEvent>(e =>
        {
            if (e is EpochReported r)
            {
                book.Add(r.Fence.TrialId, r.Metrics, live: true);
                metricsFile.WriteLine(SweepJson.MetricsLine(r.Fence.TrialId, r.Fence.Attempt, r.Metrics));
            }
            log.Write(e);
        });
        Receive<FlushLog>(_ => Sender.Tell(new LogFlushed()));
        Receive<WriteResults>(m =>
        {
            ResultFiles.Write(runDirectory, m, book);
            CurvesSvg.Write(runDirectory, book, settings.Epochs);
            Sender.Tell(new ResultsWritten());
        });
    }

    public static Props Props(string runDirectory, IReadOnlyList<TrialConfig> trials, ReportSettings settings, JournalSnapshot? snapshot) =>
        Akka.Actor.Props.Create(() => new MetricsAggregator(runDirectory, trials, settings, snapshot));

    protected override void PostStop() => metricsFile.Dispose();
}
