using Troupe.Coordinator.Reporting.Live;

namespace Troupe.Coordinator.Reporting;

// A trial's events: placement, batches and epochs, and how an attempt ends (see SweepEventFormats.cs).
internal static partial class SweepEventFormats
{
    private static IEnumerable<SweepEventFormat> Trials() =>
    [
        SweepEventFormat.Of<TrialPlaced>(
            "placed",
            (p, _) => $"placed  {p.Fence} on {p.WorkerId}{(p.StartEpoch > 0 ? $", resuming at epoch {p.StartEpoch}" : "")}: {p.Params}",
            (w, p, _) =>
            {
                SweepJson.Fence(w, p.Fence);
                w.WriteString("worker", p.WorkerId);
                w.WriteNumber("start_epoch", p.StartEpoch);
                w.WriteString("params", p.Params);
            },
            note: SweepNote.Line,
            board: (b, p) => b.Place(p.Fence, p.WorkerId, p.StartEpoch, p.StartEpoch > 0 ? $"from epoch {p.StartEpoch} checkpoint" : null)),
        // Only subscribers see batch progress (it is throttled, but still too chatty for a log): the board's bar.
        SweepEventFormat.Of<TrialBatchProgress>(null, board: (b, p) => b.Progress(p.Progress)),
        SweepEventFormat.Of<TrialResumed>(
            "resumed",
            (r, _) => $"resumed {r.Fence} on {r.WorkerId}: training again from the epoch {r.Epoch} checkpoint",
            (w, r, _) =>
            {
                SweepJson.Fence(w, r.Fence);
                w.WriteString("worker", r.WorkerId);
                w.WriteNumber("epoch", r.Epoch);
            },
            note: SweepNote.Line,
            board: (b, r) => b.Annotate(r.Fence.TrialId, $"training from the epoch {r.Epoch} checkpoint")),
        // The table shows epochs, so no note.
        SweepEventFormat.Of<EpochReported>(
            "epoch",
            (r, _) => SweepLog.Row(r.Fence.TrialId, r.Metrics),
            (w, r, _) =>
            {
                SweepJson.Fence(w, r.Fence);
                SweepJson.Epoch(w, r.Metrics);
                w.WriteBoolean("best_so_far", r.IsBest);
            },
            row: true,
            board: (b, r) => b.Epoch(r.Fence.TrialId, r.Metrics)),
        SweepEventFormat.Of<TrialStoppedEarly>(
            "stopped",
            (s, book) => $"stopped {s.Fence} early after {s.Epochs} epochs ({book.Metric} {SweepLog.Fmt(s.Metric)})",
            (w, s, book) =>
            {
                SweepJson.Fence(w, s.Fence);
                w.WriteNumber("epochs", s.Epochs);
                SweepJson.Number(w, book.Metric, s.Metric);
                w.WriteString("scheduler", s.Scheduler);
            },
            note: SweepNote.Line,
            board: (b, s) => b.End(s.Fence.TrialId, TrialRowStatus.Stopped, $"by {s.Scheduler} after {s.Epochs} epochs")),
        SweepEventFormat.Of<TrialPaused>(
            "paused",
            (p, _) => $"paused  {p.Fence} after {p.Epochs} epochs",
            (w, p, _) =>
            {
                SweepJson.Fence(w, p.Fence);
                w.WriteNumber("epochs", p.Epochs);
            },
            note: SweepNote.Line,
            board: (b, p) => b.End(p.Fence.TrialId, TrialRowStatus.Paused, $"after {p.Epochs} epochs")),
        SweepEventFormat.Of<TrialCompleted>(
            "completed",
            (c, book) => $"done    {c.Fence} after {c.Epochs} epochs ({book.Metric} {SweepLog.Fmt(c.Metric)})",
            (w, c, book) =>
            {
                SweepJson.Fence(w, c.Fence);
                w.WriteNumber("epochs", c.Epochs);
                SweepJson.Number(w, book.Metric, c.Metric);
            },
            note: SweepNote.Line,
            board: (b, c) => b.End(c.Fence.TrialId, TrialRowStatus.Completed, null)),
        SweepEventFormat.Of<TrialAttemptFailed>(
            "failed",
            (f, _) => f.Retrying
                ? $"failed  {f.Fence}: {f.Reason}; retrying from epoch {f.ResumeEpoch} ({f.RetriesLeft} retr{(f.RetriesLeft == 1 ? "y" : "ies")} left)"
                : $"failed  {f.Fence}: {f.Reason}; no retries left, the trial failed",
            (w, f, _) =>
            {
                SweepJson.Fence(w, f.Fence);
                w.WriteString("reason", f.Reason);
                w.WriteBoolean("retrying", f.Retrying);
                w.WriteNumber("retries_left", f.RetriesLeft);
                w.WriteNumber("resume_epoch", f.ResumeEpoch);
            },
            note: SweepNote.Warning,
            board: (b, f) => b.End(f.Fence.TrialId, f.Retrying ? TrialRowStatus.Retrying : TrialRowStatus.Failed,
                f.Retrying ? $"{f.Reason}; restarts from epoch {f.ResumeEpoch}" : f.Reason)),
        // A stale report changes nothing the board shows: the live attempt's row is current.
        SweepEventFormat.Of<StaleReportIgnored>(
            "stale",
            (s, _) => $"ignored {s.Report} from {s.Fence}: {s.Why}",
            (w, s, _) =>
            {
                SweepJson.Fence(w, s.Fence);
                w.WriteString("report", s.Report);
                w.WriteString("why", s.Why);
            },
            note: SweepNote.Line),
    ];
}
