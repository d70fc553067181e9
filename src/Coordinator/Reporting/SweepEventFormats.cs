using System.Collections.Frozen;
using System.Text.Json;
using Troupe.Coordinator.Reporting.Live;
using Troupe.Training.Learning;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// The one table of sweep events: per concrete <see cref="SweepEvent"/> type exactly one <see cref="SweepEventFormat"/>
/// (JSON name and fields, text line, live note, board effect). <see cref="SweepLog"/>, <see cref="SweepJson"/>,
/// <see cref="LiveSweepSink"/> and <see cref="TrialBoard"/> look events up here instead of switching on them. This file
/// holds the sweep's and the workers' events; SweepEventFormats.Trials.cs a trial's, SweepEventFormats.DataParallel.cs
/// the data-parallel ones.
/// </summary>
internal static partial class SweepEventFormats
{
    // Built from methods, not static fields of each part: field initialisers of a partial class's parts run in no
    // promised order.
    private static readonly SweepEventFormat[] Entries = [.. Sweep(), .. Trials(), .. DataParallel()];

    private static readonly FrozenDictionary<Type, SweepEventFormat> ByType = Entries.ToFrozenDictionary(f => f.EventType);

    /// <summary>Every entry, sweep events first, then a trial's, then the data-parallel ones.</summary>
    public static IReadOnlyList<SweepEventFormat> All => Entries;

    /// <summary>The entry for <paramref name="e"/>'s type.</summary>
    /// <exception cref="ArgumentException">The type has no entry (a new event type needs one here).</exception>
    public static SweepEventFormat Of(SweepEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return ByType.TryGetValue(e.GetType(), out var format)
            ? format
            : throw new ArgumentException($"SweepEventFormats: expected an entry for every sweep event type, got none for {e.GetType().Name}", nameof(e));
    }

    private static IEnumerable<SweepEventFormat> Sweep() =>
    [
        SweepEventFormat.Of<SweepStarted>(
            "sweep_started",
            (s, _) => $"sweep {s.Name}: {s.Trials} trials, {(s.Resumed ? $"resumed with {s.Done} done" : "new")}; {s.Scheduler}; run dir {s.RunDirectory}",
            (w, s, _) =>
            {
                w.WriteString("name", s.Name);
                w.WriteNumber("trials", s.Trials);
                w.WriteNumber("done", s.Done);
                w.WriteBoolean("resumed", s.Resumed);
                w.WriteString("run_dir", s.RunDirectory);
                w.WriteString("scheduler", s.Scheduler);
            },
            note: SweepNote.Line,
            board: (b, s) => b.Start(s.Name, s.Resumed)),
        SweepEventFormat.Of<WorkerJoined>(
            "worker_joined",
            (j, _) => $"worker  {j.WorkerId} joined with {j.Slots} slot{(j.Slots == 1 ? "" : "s")}",
            (w, j, _) =>
            {
                w.WriteString("worker", j.WorkerId);
                w.WriteNumber("slots", j.Slots);
            },
            note: SweepNote.Line,
            board: (b, j) => b.Join(j.WorkerId, j.Slots)),
        SweepEventFormat.Of<WorkerLost>(
            "worker_lost",
            (l, _) => $"worker  {l.WorkerId} lost; trials to requeue: {(l.Evicted.Count == 0 ? "none" : string.Join(", ", l.Evicted))}",
            (w, l, _) =>
            {
                w.WriteString("worker", l.WorkerId);
                w.WriteStartArray("evicted");
                foreach (var t in l.Evicted) w.WriteStringValue(t);
                w.WriteEndArray();
            },
            note: SweepNote.Warning,
            board: (b, l) => b.Lose(l.WorkerId, l.Evicted, $"{l.WorkerId} lost")),
        SweepEventFormat.Of<PlacementBlocked>(
            "blocked",
            (b, _) => b.MissingDevice is { } device
                ? $"blocked {b.TrialId} asks for {device.Name()} slots (resources.device); "
                    + $"none of the cluster's {b.TotalSlots} slots is one (waiting for a worker started with --device {device.Name()})"
                : $"blocked {b.TrialId} needs {b.SlotsNeeded} slots on one worker; the cluster has {b.TotalSlots} in all",
            (w, b, _) =>
            {
                w.WriteString("trial", b.TrialId);
                w.WriteNumber("slots_needed", b.SlotsNeeded);
                w.WriteNumber("total_slots", b.TotalSlots);
                if (b.MissingDevice is { } device) w.WriteString("device", device.Name());
            },
            note: SweepNote.Warning,
            board: (board, b) => board.End(b.TrialId, TrialRowStatus.Blocked, b.MissingDevice is { } device
                ? $"asks for {device.Name()} slots, none of the cluster's {b.TotalSlots} is one"
                : $"needs {b.SlotsNeeded} slots on one worker, the cluster has {b.TotalSlots}")),
        // The bar shows progress, so no note; the frame is drawn again for its ETA and best.
        SweepEventFormat.Of<SweepProgress>("progress", ProgressText, ProgressFields, tick: true),
        SweepEventFormat.Of<SweepFinished>(
            "sweep_finished",
            (f, _) => $"sweep {f.Summary.Name} {f.Summary.State}: {f.Summary.Completed} completed, {f.Summary.Stopped} stopped early, {f.Summary.Failed} failed"
                + (f.Summary.BestTrial is { } b ? $"; best {b} ({f.Summary.Metric} {SweepLog.Fmt(f.Summary.BestMetric)}): {(f.Summary.BestParams is { } bp ? ParamText.Short(bp) : "")}" : "")
                + (f.Summary.Error is { } err ? $"; {err}" : ""),
            (w, f, _) =>
            {
                w.WriteString("state", f.Summary.State);
                w.WriteNumber("completed", f.Summary.Completed);
                w.WriteNumber("stopped", f.Summary.Stopped);
                w.WriteNumber("failed", f.Summary.Failed);
                if (f.Summary.BestTrial is { } bt) w.WriteString("best_trial", bt);
                SweepJson.Number(w, f.Summary.Metric, f.Summary.BestMetric);
                if (f.Summary.BestParams is { } bp) w.WriteString("best_params", bp.ToString());
                if (f.Summary.Error is { } err) w.WriteString("error", err);
            },
            note: SweepNote.Line,
            board: (b, f) => b.Finish(f.Summary.State)),
    ];

    private static string ProgressText(SweepProgress p, MetricsBook book)
    {
        var best = book.BestOverall() is { } b ? $"best {b.TrialId} {book.Metric} {SweepLog.Fmt(b.Metrics.Value(book.Metric))}" : "no results yet";
        var eta = book.Eta(p.RemainingEpochs) is { } t ? $"ETA {ProgressTable.FormatTime(t.TotalSeconds)} (at most)" : "ETA unknown";
        return $"progress {p.Done}/{p.Done + p.Running + p.Pending} done, {p.Running} running, {p.Pending} pending | {best} | {eta}";
    }

    private static void ProgressFields(Utf8JsonWriter w, SweepProgress p, MetricsBook book)
    {
        w.WriteNumber("done", p.Done);
        w.WriteNumber("running", p.Running);
        w.WriteNumber("pending", p.Pending);
        if (book.BestOverall() is { } best)
        {
            w.WriteString("best_trial", best.TrialId);
            SweepJson.Number(w, book.Metric, best.Metrics.Value(book.Metric));
        }
        if (book.Eta(p.RemainingEpochs) is { } eta) w.WriteNumber("eta_seconds", Math.Round(eta.TotalSeconds, 1));
    }
}
