using System.Globalization;
using System.Text;
using Troupe.Training.Learning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// The coordinator's monitoring log: per accepted epoch one fastai-style row
/// (<c>trial epoch train_loss valid_loss accuracy perplexity tok/s time</c>, values <c>{:.6f}</c>, names padded as
/// fastprogress does), one line per sweep event (placement, failure, retry, early stop, worker joined or lost, stale
/// report), and a progress line every few seconds, worded by the event's entry in <see cref="SweepEventFormats"/>; or
/// the same as JSON lines (<see cref="SweepJson"/>). Event times count from <paramref name="start"/> (UTC; default:
/// now), the coordinator node's start in cluster mode, so that its membership lines and these share one clock.
/// </summary>
internal sealed class SweepLog(TextWriter output, LogFormat format, MetricsBook book, DateTime? start = null) : ISweepSink
{
    private static readonly string[] Columns = ["trial", "epoch", "train_loss", "valid_loss", "accuracy", "perplexity", "tok/s", "time"];
    private static readonly int[] Widths = [.. Columns.Select((c, i) => i == 0 ? 12 : Math.Max(8, c.Length))];
    private readonly DateTime start = start ?? DateTime.UtcNow;
    private int rowsSinceHeader = -1;

    public void Write(SweepEvent e)
    {
        var entry = SweepEventFormats.Of(e);
        if (!entry.Logged) return;
        if (format == LogFormat.Json)
        {
            output.WriteLine(SweepJson.Line(e, DateTime.UtcNow - start, book));
        }
        else if (entry.Row)
        {
            if (rowsSinceHeader < 0 || rowsSinceHeader >= 40)
            {
                output.WriteLine(Header());
                rowsSinceHeader = 0;
            }
            output.WriteLine(entry.Text!(e, book));
            rowsSinceHeader++;
        }
        else
        {
            output.WriteLine(EventLine(e));
        }
        output.Flush();
    }

    /// <summary>
    /// The time-stamped text line of an event other than a table row (<c>    01:02  failed  trial-0004#1: ...</c>), from
    /// its entry in <see cref="SweepEventFormats"/>; null for events without one.
    /// </summary>
    internal string? EventLine(SweepEvent e) =>
        SweepEventFormats.Of(e) is { Text: { } text, Row: false }
            ? $"{ProgressTable.FormatTime((DateTime.UtcNow - start).TotalSeconds),8}  {text(e, book)}"
            : null;

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

    internal static string Fmt(double? v) => v is { } x ? x.ToString("F6", CultureInfo.InvariantCulture) : "n/a";
}
