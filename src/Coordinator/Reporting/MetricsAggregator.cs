using Akka.Actor;
using Troupe.Coordinator.Journal;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// The coordinator's metrics aggregator: keeps every accepted epoch (<see cref="MetricsBook"/>), writes the log
/// (<see cref="SweepLog"/>, or the live view: <see cref="SweepSinks"/>) and <c>metrics.jsonl</c> (rewritten from the journal on start, then appended per epoch),
/// and at the end the results files (trials.csv, summary.md, curves.svg). Its supervisor restarts it when it fails
/// (reporting must never end a sweep): the new instance reads the journal again, so its book and metrics.jsonl hold
/// every epoch accepted so far, and a live view that failed is replaced by the plain text log.
/// </summary>
internal sealed class MetricsAggregator : ReceiveActor
{
    private readonly MetricsBook book;
    private readonly ISweepSink log;
    private readonly StreamWriter metricsFile;
    private readonly Failures failures;

    public MetricsAggregator(string runDirectory, IReadOnlyList<TrialConfig> trials, ReportSettings settings, JournalSnapshot? snapshot, Failures failures)
    {
        this.failures = failures;
        if (failures.Count > 0)
        {
            using var journal = RunJournal.Open(runDirectory);
            snapshot = journal.Snapshot();
            if (settings.Format == LogFormat.Live) settings = settings with { Format = LogFormat.Text };
        }
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
            try
            {
                ResultFiles.Write(runDirectory, m, book);
                CurvesSvg.Write(runDirectory, book, settings.Epochs);
            }
            catch (Exception e)
            {
                // The coordinator waits for this answer: it hears the failure, and supervision still decides.
                Sender.Tell(new ResultsWritten($"{e.GetType().Name}: {e.Message}"));
                throw;
            }
            Sender.Tell(new ResultsWritten());
        });
    }

    public static Props Props(string runDirectory, IReadOnlyList<TrialConfig> trials, ReportSettings settings, JournalSnapshot? snapshot)
    {
        var failures = new Failures();
        return Akka.Actor.Props.Create(() => new MetricsAggregator(runDirectory, trials, settings, snapshot, failures));
    }

    protected override void PreRestart(Exception reason, object message)
    {
        failures.Count++;
        base.PreRestart(reason, message);
    }

    protected override void PostStop() => metricsFile.Dispose();

    /// <summary>Shared by every incarnation of one aggregator (its Props capture it): a restarted one knows it replaces a failed one.</summary>
    internal sealed class Failures
    {
        public int Count { get; set; }
    }
}
