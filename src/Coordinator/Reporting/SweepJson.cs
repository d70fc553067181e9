using Troupe.Training.Tuning;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// One JSON object per sweep event (<c>--log-format json</c>): <c>time</c> (UTC, ISO 8601), <c>elapsed</c> (seconds),
/// <c>event</c> (sweep_started, worker_joined, worker_lost, placed, resumed, epoch, stopped, paused, completed, failed, stale,
/// blocked, progress, sweep_finished, and for data-parallel trials group_formed, replica_throughput, group_blocked, regroup_held) and
/// the event's fields; epochs carry every metric.
/// </summary>
internal static class SweepJson
{
    public static string Line(SweepEvent e, TimeSpan elapsed, MetricsBook book)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteNumber("elapsed", Math.Round(elapsed.TotalSeconds, 3));
            Fields(w, e, book);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// One metrics.jsonl line: trial, attempt, epoch and every value of an accepted epoch; a data-parallel one adds
    /// <c>replicas</c> (per rank: tokens, tokens_per_second, comm_fraction; the journal's replica_metrics has their workers).
    /// </summary>
    public static string MetricsLine(string trialId, int attempt, EpochMetrics m)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("trial", trialId);
            w.WriteNumber("attempt", attempt);
            Epoch(w, m);
            if (m.Replicas.Count > 0)
            {
                w.WriteStartArray("replicas");
                foreach (var r in m.Replicas)
                {
                    w.WriteStartObject();
                    w.WriteNumber("rank", r.Rank);
                    w.WriteNumber("tokens", r.Tokens);
                    w.WriteNumber("tokens_per_second", Math.Round(r.TokensPerSecond, 1));
                    w.WriteNumber("comm_fraction", Math.Round(r.CommFraction, 4));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Fields(Utf8JsonWriter w, SweepEvent e, MetricsBook book)
    {
        switch (e)
        {
            case SweepStarted s:
                w.WriteString("event", "sweep_started");
                w.WriteString("name", s.Name);
                w.WriteNumber("trials", s.Trials);
                w.WriteNumber("done", s.Done);
                w.WriteBoolean("resumed", s.Resumed);
                w.WriteString("run_dir", s.RunDirectory);
                w.WriteString("scheduler", s.Scheduler);
                break;
            case WorkerJoined j:
                w.WriteString("event", "worker_joined");
                w.WriteString("worker", j.WorkerId);
                w.WriteNumber("slots", j.Slots);
                break;
            case WorkerLost l:
                w.WriteString("event", "worker_lost");
                w.WriteString("worker", l.WorkerId);
                w.WriteStartArray("evicted");
                foreach (var t in l.Evicted) w.WriteStringValue(t);
                w.WriteEndArray();
                break;
            case TrialPlaced p:
                Trial(w, "placed", p.Fence);
                w.WriteString("worker", p.WorkerId);
                w.WriteNumber("start_epoch", p.StartEpoch);
                w.WriteString("params", p.Params);
                break;
            case TrialResumed r:
                Trial(w, "resumed", r.Fence);
                w.WriteString("worker", r.WorkerId);
                w.WriteNumber("epoch", r.Epoch);
                break;
            case EpochReported r:
                Trial(w, "epoch", r.Fence);
                Epoch(w, r.Metrics);
                w.WriteBoolean("best_so_far", r.IsBest);
                break;
            case TrialStoppedEarly s:
                Trial(w, "stopped", s.Fence);
                w.WriteNumber("epochs", s.Epochs);
                Number(w, book.Metric, s.Metric);
                w.WriteString("scheduler", s.Scheduler);
                break;
            case TrialPaused p:
                Trial(w, "paused", p.Fence);
                w.WriteNumber("epochs", p.Epochs);
                break;
            case TrialCompleted c:
                Trial(w, "completed", c.Fence);
                w.WriteNumber("epochs", c.Epochs);
                Number(w, book.Metric, c.Metric);
                break;
            case TrialAttemptFailed f:
                Trial(w, "failed", f.Fence);
                w.WriteString("reason", f.Reason);
                w.WriteBoolean("retrying", f.Retrying);
                w.WriteNumber("retries_left", f.RetriesLeft);
                w.WriteNumber("resume_epoch", f.ResumeEpoch);
                break;
            case StaleReportIgnored s:
                Trial(w, "stale", s.Fence);
                w.WriteString("report", s.Report);
                w.WriteString("why", s.Why);
                break;
            case PlacementBlocked b:
                w.WriteString("event", "blocked");
                w.WriteString("trial", b.TrialId);
                w.WriteNumber("slots_needed", b.SlotsNeeded);
                w.WriteNumber("total_slots", b.TotalSlots);
                if (b.MissingDevice is { } device) w.WriteString("device", device.Name());
                break;
            case SweepProgress p:
                w.WriteString("event", "progress");
                w.WriteNumber("done", p.Done);
                w.WriteNumber("running", p.Running);
                w.WriteNumber("pending", p.Pending);
                if (book.BestOverall() is { } best)
                {
                    w.WriteString("best_trial", best.TrialId);
                    Number(w, book.Metric, best.Metrics.Value(book.Metric));
                }
                if (book.Eta(p.RemainingEpochs) is { } eta) w.WriteNumber("eta_seconds", Math.Round(eta.TotalSeconds, 1));
                break;
            case SweepFinished f:
                w.WriteString("event", "sweep_finished");
                w.WriteString("state", f.Summary.State);
                w.WriteNumber("completed", f.Summary.Completed);
                w.WriteNumber("stopped", f.Summary.Stopped);
                w.WriteNumber("failed", f.Summary.Failed);
                if (f.Summary.BestTrial is { } bt) w.WriteString("best_trial", bt);
                Number(w, f.Summary.Metric, f.Summary.BestMetric);
                if (f.Summary.BestParams is { } bp) w.WriteString("best_params", bp.ToString());
                if (f.Summary.Error is { } err) w.WriteString("error", err);
                break;
            default:
                if (!DataParallelLog.TryWrite(w, e)) w.WriteString("event", e.GetType().Name);
                break;
        }
    }

    private static void Trial(Utf8JsonWriter w, string kind, Troupe.Training.Tuning.FencingToken fence)
    {
        w.WriteString("event", kind);
        w.WriteString("trial", fence.TrialId);
        w.WriteNumber("attempt", fence.Attempt);
    }

    private static void Epoch(Utf8JsonWriter w, EpochMetrics m)
    {
        w.WriteNumber("epoch", m.Epoch);
        Number(w, "train_loss", m.TrainLoss);
        Number(w, "valid_loss", m.ValidLoss);
        foreach (var (name, value) in m.Metrics) Number(w, name, value);
        w.WriteNumber("tokens_per_second", Math.Round(m.TokensPerSecond, 1));
        w.WriteNumber("seconds", Math.Round(m.Seconds, 3));
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
