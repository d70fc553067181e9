using Troupe.Training.Tuning;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// One JSON object per logged sweep event (<c>--log-format json</c>): <c>time</c> (UTC, ISO 8601), <c>elapsed</c>
/// (seconds), <c>event</c> and the event's fields, both from the event's entry in <see cref="SweepEventFormats"/>
/// (the README's log section lists the names; a spec keeps that list equal to the table's); epochs carry every metric. Also the helpers those entries write fields with, and metrics.jsonl lines.
/// </summary>
internal static class SweepJson
{
    /// <summary>The event's JSON line.</summary>
    /// <exception cref="ArgumentException">The event is not logged (<see cref="SweepEventFormat.Logged"/>).</exception>
    public static string Line(SweepEvent e, TimeSpan elapsed, MetricsBook book)
    {
        var format = SweepEventFormats.Of(e);
        if (!format.Logged) throw new ArgumentException($"SweepJson: expected an event with a log line, got {e.GetType().Name}", nameof(e));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteNumber("elapsed", Math.Round(elapsed.TotalSeconds, 3));
            w.WriteString("event", format.Json);
            format.Fields!(w, e, book);
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

    /// <summary>Writes a trial event's <c>trial</c> and <c>attempt</c>.</summary>
    internal static void Fence(Utf8JsonWriter w, FencingToken fence)
    {
        w.WriteString("trial", fence.TrialId);
        w.WriteNumber("attempt", fence.Attempt);
    }

    /// <summary>Writes an epoch's number, losses, every metric, tokens/s and seconds.</summary>
    internal static void Epoch(Utf8JsonWriter w, EpochMetrics m)
    {
        w.WriteNumber("epoch", m.Epoch);
        Number(w, "train_loss", m.TrainLoss);
        Number(w, "valid_loss", m.ValidLoss);
        foreach (var (name, value) in m.Metrics) Number(w, name, value);
        w.WriteNumber("tokens_per_second", Math.Round(m.TokensPerSecond, 1));
        w.WriteNumber("seconds", Math.Round(m.Seconds, 3));
    }

    /// <summary>Writes <paramref name="value"/>, or null when it is missing or not finite (JSON has no NaN).</summary>
    internal static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
