using Troupe.Coordinator.Journal;

namespace Troupe.Coordinator.Reporting.Live;

/// <summary>
/// The live view's sink: every event updates the <see cref="TrialBoard"/>, event lines other than epochs and
/// progress ticks (the table and the bar show those) become notes in the text log's wording, and a fresh
/// <see cref="LiveFrame"/> goes to the surface; which events note, warn or redraw is their entry's in
/// <see cref="SweepEventFormats"/>. Runs on the metrics aggregator's thread, after the
/// <see cref="MetricsBook"/> took the event, so the book's best and pace are current.
/// </summary>
internal sealed class LiveSweepSink : ISweepSink
{
    private readonly ILiveSurface surface;
    private readonly MetricsBook book;
    private readonly SweepLog lines;
    private readonly DateTime started = DateTime.UtcNow;

    /// <summary>A sink drawing on <paramref name="surface"/>; a resumed sweep's rows start from <paramref name="snapshot"/> (statuses) and <paramref name="book"/> (latest epochs); note times count from <paramref name="logStart"/> (default: now).</summary>
    public LiveSweepSink(ILiveSurface surface, MetricsBook book, int epochs, JournalSnapshot? snapshot, DateTime? logStart = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(book);
        this.surface = surface;
        this.book = book;
        lines = new SweepLog(TextWriter.Null, LogFormat.Text, book, logStart);
        Board = new TrialBoard(book.Trials, epochs);
        foreach (var t in snapshot?.Trials ?? []) Board.Restore(t.TrialId, t.Status, t.Worker, t.Attempts, book.Last(t.TrialId));
        surface.Show(Frame());
    }

    public TrialBoard Board { get; }

    public void Write(SweepEvent e)
    {
        var entry = SweepEventFormats.Of(e);
        var changed = Board.Apply(e);
        if (entry.Note != SweepNote.None && lines.EventLine(e) is { } line) surface.Note(new LiveNote(line, entry.Note == SweepNote.Warning));
        if (changed || entry.Tick) surface.Show(Frame());
    }

    /// <summary>The board as it stands, cut to the surface's rows, with the book's best and ETA.</summary>
    public LiveFrame Frame()
    {
        var visible = Board.Visible(Math.Max(1, surface.MaxRows));
        var best = book.BestOverall();
        return new LiveFrame(Board.Name, visible, Board.Total - visible.Count, Board.Done, Board.Total, Board.Running, Board.Workers.Count, Board.Epochs,
            book.Metric, best?.TrialId, best?.Metrics.Value(book.Metric), book.Eta(Board.RemainingEpochs), Board.Outcome, started);
    }
}
