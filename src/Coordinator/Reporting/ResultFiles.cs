using Troupe.Training.Serialization;
using System.Globalization;
using System.Text;
using Troupe.Coordinator.Journal;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// The run directory's results: <c>trials.csv</c> (one row per trial: params, status, attempts, worker, final and
/// best metrics) and <c>summary.md</c> (outcome, best config, leaderboard by the best value of the spec's metric).
/// </summary>
internal static class ResultFiles
{
    private static readonly string[] Values = ["train_loss", "valid_loss", "accuracy", "perplexity"];

    public static void Write(string runDirectory, WriteResults results, MetricsBook book)
    {
        Directory.CreateDirectory(runDirectory);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "trials.csv"), Csv(results, book));
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "summary.md"), Markdown(results, book));
    }

    public static string Csv(WriteResults results, MetricsBook book)
    {
        var names = results.Trials.SelectMany(t => t.Config.Params.Keys).Distinct(StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.AppendJoin(',', ["trial_id", "status", "attempts", "worker", "epochs", .. names, .. Values, $"best_{book.Metric}", "best_epoch"]).Append('\n');
        foreach (var t in results.Trials)
        {
            var last = book.Last(t.Config.TrialId);
            var best = book.Best(t.Config.TrialId);
            var cells = new List<string>
            {
                t.Config.TrialId, RunJournal.StatusName(t.Status), I(t.Attempts), Quote(t.Worker ?? ""), I(book.Curve(t.Config.TrialId).Count),
            };
            cells.AddRange(names.Select(n => t.Config.Params.TryGetValue(n, out var v) ? Quote(v.ToString()) : ""));
            cells.AddRange(Values.Select(v => D(last?.Value(v))));
            cells.Add(D(best?.Value(book.Metric)));
            cells.Add(best is null ? "" : I(best.Epoch));
            sb.AppendJoin(',', cells).Append('\n');
        }
        return sb.ToString();
    }

    public static string Markdown(WriteResults results, MetricsBook book)
    {
        var s = results.Summary;
        var sb = new StringBuilder();
        sb.Append($"# {s.Name}\n\n");
        sb.Append($"{s.Trials} trials, {s.State}: {s.Completed} completed, {s.Stopped} stopped early, {s.Failed} failed ")
          .Append($"({ProgressFormat(s.Elapsed)} in this session). Ranked by the best `{book.Metric}` ({(book.Objective.Mode == MetricMode.Min ? "lower" : "higher")} is better).\n\n");
        if (s.Error is { } error) sb.Append($"**Aborted:** {error}\n\n");
        if (book.BestOverall() is { } top)
        {
            var config = results.Trials.First(t => t.Config.TrialId == top.TrialId).Config;
            sb.Append("## Best config\n\n");
            sb.Append($"`{top.TrialId}`: {book.Metric} {SweepLog.Fmt(top.Metrics.Value(book.Metric))} at epoch {top.Metrics.Epoch}\n\n```yaml\n");
            foreach (var (name, value) in config.Params) sb.Append($"{name}: {value}\n");
            sb.Append("```\n\n");
        }
        sb.Append("## Leaderboard\n\n");
        sb.Append($"| rank | trial | status | epochs | best {book.Metric} | best epoch | final valid_loss | final accuracy | params |\n");
        sb.Append("|---:|---|---|---:|---:|---:|---:|---:|---|\n");
        var ranked = results.Trials
            .Select(t => (Trial: t, Best: book.Best(t.Config.TrialId), Last: book.Last(t.Config.TrialId)))
            .OrderBy(x => x.Best is null)
            .ThenBy(x => book.Objective.RankKey(x.Best?.Value(book.Metric)))
            .ThenBy(x => x.Trial.Config.Index)
            .ToList();
        for (var i = 0; i < ranked.Count; i++)
        {
            var (t, best, last) = ranked[i];
            sb.Append($"| {i + 1} | {t.Config.TrialId} | {RunJournal.StatusName(t.Status)} | {book.Curve(t.Config.TrialId).Count} | {SweepLog.Fmt(best?.Value(book.Metric))} ")
              .Append($"| {(best is null ? "" : I(best.Epoch))} | {SweepLog.Fmt(last?.ValidLoss)} | {SweepLog.Fmt(last?.Value("accuracy"))} | {ParamText.Short(t.Config.Params)} |\n");
        }
        sb.Append("\nFiles: `trials.csv` (one row per trial), `metrics.jsonl` (every epoch), `curves.svg` (valid loss per epoch), ")
          .Append("`journal.db` (SQLite journal), `checkpoints/` (latest and best per trial).\n");
        return sb.ToString();
    }

    private static string ProgressFormat(TimeSpan t) => Training.Learning.ProgressTable.FormatTime(t.TotalSeconds);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string D(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string text) => text.IndexOfAny([',', '"', '\n']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
