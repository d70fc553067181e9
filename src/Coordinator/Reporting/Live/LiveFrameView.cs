using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Troupe.Training.Learning;

namespace Troupe.Coordinator.Reporting.Live;

/// <summary>
/// A <see cref="LiveFrame"/> and the latest notes as Spectre renderables: the trials table (trial, params, status,
/// epoch, train_loss, valid_loss, accuracy, worker; the best trial in bold), a progress bar with trials done of all,
/// elapsed time, ETA and the best so far, then the notes. Pure: every text goes in as <see cref="Text"/>, never as
/// markup, so brackets in params or reasons print as they are.
/// </summary>
internal static class LiveFrameView
{
    private const int BarWidth = 30;
    private static readonly string[] Columns = ["trial", "params", "status", "epoch", "train_loss", "valid_loss", "accuracy", "worker"];

    public static IRenderable Render(LiveFrame frame, IReadOnlyList<LiveNote> notes, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(notes);
        var parts = new List<IRenderable> { Table(frame), Bar(frame, now) };
        parts.AddRange(notes.Select(n => new Text(n.Text, n.Warning ? new Style(Color.Yellow) : new Style(Color.Grey))));
        return new Rows(parts);
    }

    public static Table Table(LiveFrame frame)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.Title = new TableTitle(frame.Name.Length == 0 ? "sweep starting" : $"sweep {frame.Name}");
        foreach (var c in Columns)
        {
            var column = new TableColumn(new Text(c, new Style(decoration: Decoration.Bold)));
            if (c is "epoch" or "train_loss" or "valid_loss" or "accuracy") column.RightAligned();
            table.AddColumn(column);
        }
        foreach (var r in frame.Rows)
        {
            var best = r.TrialId == frame.BestTrial;
            table.AddRow(
                new Text(r.Attempt > 1 ? $"{r.TrialId} #{r.Attempt}" : r.TrialId, best ? new Style(Color.Green, decoration: Decoration.Bold) : Style.Plain),
                new Text(r.Params),
                Status(r),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{r.EpochsDone}/{frame.Epochs}")),
                Number(r.TrainLoss),
                Number(r.ValidLoss),
                Number(r.Accuracy),
                new Text(r.Worker ?? ""));
        }
        if (frame.Hidden > 0)
            table.Caption = new TableTitle($"{frame.Hidden} more trial{(frame.Hidden == 1 ? "" : "s")} not shown (waiting, or finished longest ago)");
        return table;
    }

    /// <summary>The progress line: <c>━━━━━━━━────── 3/8 trials done · 2 running · 2 workers · 01:10 elapsed · ETA 03:15 (at most) · best trial-0003 valid_loss 0.472876</c>.</summary>
    public static Paragraph Bar(LiveFrame frame, DateTime now)
    {
        var filled = frame.Total == 0 ? 0 : (int)Math.Round((double)BarWidth * frame.Done / frame.Total);
        var elapsed = ProgressTable.FormatTime(Math.Max(0, (now - frame.Started).TotalSeconds));
        var pace = frame.Outcome is { } outcome ? $"sweep {outcome}"
            : frame.Eta is { } eta ? $"ETA {ProgressTable.FormatTime(eta.TotalSeconds)} (at most)"
            : "ETA unknown";
        var best = frame.BestTrial is { } b ? $"best {b} {frame.Metric} {SweepLog.Fmt(frame.BestValue)}" : "no results yet";
        return new Paragraph()
            .Append(new string('━', filled), new Style(Color.Green))
            .Append(new string('─', BarWidth - filled), new Style(Color.Grey))
            .Append($" {frame.Done}/{frame.Total} trials done · {frame.Running} running · {frame.Workers} worker{(frame.Workers == 1 ? "" : "s")} · {elapsed} elapsed · {pace} · {best}");
    }

    private static Text Status(TrialRow r)
    {
        var word = r.Status.ToString().ToLowerInvariant();
        if (r.Status == TrialRowStatus.Running && r.Batch is { } batch)
            word += string.Create(CultureInfo.InvariantCulture, $" {(r.Validating ? "valid" : "train")} {batch * 100:F0}%");
        if (r.Detail is { } detail) word += $" ({detail})";
        var color = r.Status switch
        {
            TrialRowStatus.Running => Color.Aqua,
            TrialRowStatus.Completed => Color.Green,
            TrialRowStatus.Lost or TrialRowStatus.Retrying => Color.Yellow,
            TrialRowStatus.Failed or TrialRowStatus.Blocked => Color.Red,
            TrialRowStatus.Paused => Color.Blue,
            _ => Color.Grey,
        };
        return new Text(word, new Style(color));
    }

    private static Text Number(double? value) =>
        new(value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "");
}
