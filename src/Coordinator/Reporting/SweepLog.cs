using System.Globalization;
using System.Text;
using Troupe.Training.Learning;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// The coordinator's monitoring log: per accepted epoch one fastai-style row
/// (<c>trial epoch train_loss valid_loss accuracy perplexity tok/s time</c>, values <c>{:.6f}</c>, names padded as
/// fastprogress does), one line per sweep event (placement, failure, retry, early stop, worker joined or lost, stale
/// report), and a progress line every few seconds; or the same as JSON lines (<see cref="SweepJson"/>). Event times
/// count from <paramref name="start"/> (UTC; default: now), the coordinator node's start in cluster mode, so that its
/// membership lines and these share one clock.
/// </summary>
internal sealed class SweepLog(TextWriter output, LogFormat format, MetricsBook book, DateTime? start = null) : ISweepSink
{
    private static readonly string[] Columns = ["trial", "epoch", "train_loss", "valid_loss", "accuracy", "perplexity", "tok/s", "time"];
    private static readonly int[] Widths = [.. Columns.Select((c, i) => i == 0 ? 12 : Math.Max(8, c.Length))];
    private readonly DateTime start = start ?? DateTime.UtcNow;
    private int rowsSinceHeader = -1;

    public void Write(SweepEvent e)
    {
        if (e is TrialBatchProgress) return;
        if (format == LogFormat.Json)
        {
            output.WriteLine(SweepJson.Line(e, DateTime.UtcNow - start, book));
        }
        else if (e is EpochReported r)
        {
            if (rowsSinceHeader < 0 || rowsSinceHeader >= 40)
            {
                output.WriteLine(Header());
                rowsSinceHeader = 0;
            }
            output.WriteLine(Row(r.Fence.TrialId, r.Metrics));
            rowsSinceHeader++;
        }
        else if (EventLine(e) is { } line)
        {
            output.WriteLine(line);
        }
        output.Flush();
    }

    /// <summary>The text line of an event other than an epoch (<c>    01:02  failed  trial-0004#1: ...</c>), or null for events without one.</summary>
    internal string? EventLine(SweepEvent e) =>
        Text(e) is { } text ? $"{ProgressTable.FormatTime((DateTime.UtcNow - start).TotalSeconds),8}  {text}" : null;

    public static string Header() => string.Join("  ", Columns.Select((c, i) => c.PadRight(Widths[i]))).TrimEnd();

    public static string Row(string trialId, EpochMetrics m)
    {
        string F(double? v) => v is { } x ? x.ToString("F6", CultureInfo.InvariantCulture) : "";
        string[] cells =
        [
            trialId, m.Epoch.ToString(CultureInfo.InvariantCulture), F(m.TrainLoss), F(m.ValidLoss), F(m.Value("accuracy")), F(m.Value("perplexity")),
            m.TokensPerSecond.ToString("F0", CultureInfo.InvariantCulture), ProgressTable.FormatTime(m.Seconds),
        ];
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Length; i++) sb.Append(cells[i]).Append(' ', Math.Max(1, Widths[i] + 2 - cells[i].Length));
        return sb.ToString().TrimEnd();
    }

    private string? Text(SweepEvent e) => e switch
    {
        SweepStarted s => $"sweep {s.Name}: {s.Trials} trials, {(s.Resumed ? $"resumed with {s.Done} done" : "new")}; {s.Scheduler}; run dir {s.RunDirectory}",
        WorkerJoined w => $"worker  {w.WorkerId} joined with {w.Slots} slot{(w.Slots == 1 ? "" : "s")}",
        WorkerLost w => $"worker  {w.WorkerId} lost; trials to requeue: {(w.Evicted.Count == 0 ? "none" : string.Join(", ", w.Evicted))}",
        TrialPlaced p => $"placed  {p.Fence} on {p.WorkerId}{(p.StartEpoch > 0 ? $", resuming at epoch {p.StartEpoch}" : "")}: {p.Params}",
        TrialResumed r => $"resumed {r.Fence} on {r.WorkerId}: training again from the epoch {r.Epoch} checkpoint",
        TrialStoppedEarly s => $"stopped {s.Fence} early after {s.Epochs} epochs ({book.Metric} {Fmt(s.Metric)})",
        TrialPaused p => $"paused  {p.Fence} after {p.Epochs} epochs",
        TrialCompleted c => $"done    {c.Fence} after {c.Epochs} epochs ({book.Metric} {Fmt(c.Metric)})",
        TrialAttemptFailed f => f.Retrying
            ? $"failed  {f.Fence}: {f.Reason}; retrying from epoch {f.ResumeEpoch} ({f.RetriesLeft} retr{(f.RetriesLeft == 1 ? "y" : "ies")} left)"
            : $"failed  {f.Fence}: {f.Reason}; no retries left, the trial failed",
        StaleReportIgnored s => $"ignored {s.Report} from {s.Fence}: {s.Why}",
        PlacementBlocked { MissingDevice: { } device } b => $"blocked {b.TrialId} asks for {device.Name()} slots (resources.device); "
            + $"none of the cluster's {b.TotalSlots} slots is one (waiting for a worker started with --device {device.Name()})",
        PlacementBlocked b => $"blocked {b.TrialId} needs {b.SlotsNeeded} slots on one worker; the cluster has {b.TotalSlots} in all",
        SweepProgress p => Progress(p),
        GroupFormed or ReplicaThroughputReported or GroupBlocked or RegroupHeld => DataParallelLog.Text(e),
        SweepFinished f => $"sweep {f.Summary.Name} {f.Summary.State}: {f.Summary.Completed} completed, {f.Summary.Stopped} stopped early, {f.Summary.Failed} failed"
            + (f.Summary.BestTrial is { } b ? $"; best {b} ({f.Summary.Metric} {Fmt(f.Summary.BestMetric)}): {(f.Summary.BestParams is { } bp ? ParamText.Short(bp) : "")}" : "")
            + (f.Summary.Error is { } err ? $"; {err}" : ""),
        _ => null,
    };

    private string Progress(SweepProgress p)
    {
        var best = book.BestOverall() is { } b ? $"best {b.TrialId} {book.Metric} {Fmt(b.Metrics.Value(book.Metric))}" : "no results yet";
        var eta = book.Eta(p.RemainingEpochs) is { } t ? $"ETA {ProgressTable.FormatTime(t.TotalSeconds)} (at most)" : "ETA unknown";
        return $"progress {p.Done}/{p.Done + p.Running + p.Pending} done, {p.Running} running, {p.Pending} pending | {best} | {eta}";
    }

    internal static string Fmt(double? v) => v is { } x ? x.ToString("F6", CultureInfo.InvariantCulture) : "n/a";
}
