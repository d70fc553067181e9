using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Troupe.Coordinator.Scheduling;
using Troupe.Training.Learning;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Journal;

internal sealed partial class RunJournal
{
    /// <summary>Everything the journal holds, or null when no experiment was recorded yet.</summary>
    /// <exception cref="InvalidDataException">The journal is of another schema version or inconsistent.</exception>
    public JournalSnapshot? Snapshot()
    {
        string name, source, text, state;
        string? baseDir;
        using (var cmd = Command("SELECT schema_version, name, spec_source, spec_text, spec_base_dir, state FROM experiment WHERE id = 1", []))
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read()) return null;
            var version = r.GetInt32(0);
            if (version != JournalSchema.Version)
                throw new InvalidDataException($"journal: expected schema version {JournalSchema.Version} in '{RunDirectory}', got {version}");
            (name, source, text, baseDir, state) = (r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5));
        }
        var replicas = ReadReplicaMetrics();
        return new JournalSnapshot(name, source, text, baseDir, state, ReadTrials(), ReadMetrics(ByEpoch(replicas)), ReadReplay(), replicas);
    }

    private List<JournalTrial> ReadTrials()
    {
        var trials = new List<JournalTrial>();
        using var cmd = Command("""
            SELECT t.trial_id, t.idx, t.params_json, t.seed, t.status, t.worker,
                   (SELECT COUNT(*) FROM attempts a WHERE a.trial_id = t.trial_id),
                   (SELECT COUNT(*) FROM attempts a WHERE a.trial_id = t.trial_id AND a.outcome IN ('failed', 'given_up', 'lost')),
                   (SELECT MAX(a.attempt) FROM attempts a WHERE a.trial_id = t.trial_id AND a.ended_at IS NULL),
                   (SELECT c.epoch FROM checkpoints c WHERE c.trial_id = t.trial_id AND c.kind = 'latest'),
                   (SELECT c.metric FROM checkpoints c WHERE c.trial_id = t.trial_id AND c.kind = 'best'),
                   (SELECT c.epoch FROM checkpoints c WHERE c.trial_id = t.trial_id AND c.kind = 'best')
            FROM trials t ORDER BY t.idx
            """, []);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            trials.Add(new JournalTrial(
                r.GetString(0), r.GetInt32(1), ParamSet.FromJson(r.GetString(2)), ulong.Parse(r.GetString(3), CultureInfo.InvariantCulture),
                ParseStatus(r.GetString(4)), NullableString(r, 5), r.GetInt32(6), r.GetInt32(7), NullableInt(r, 8), NullableInt(r, 9),
                r.IsDBNull(10) ? null : r.GetDouble(10), NullableInt(r, 11)));
        }
        return trials;
    }

    private List<JournalMetric> ReadMetrics(Dictionary<(string, int, int), List<ReplicaThroughput>> replicas)
    {
        var metrics = new List<JournalMetric>();
        using var cmd = Command("SELECT seq, trial_id, attempt, epoch, train_loss, valid_loss, metrics_json, seconds, train_tokens, tokens_per_second FROM metrics ORDER BY seq", []);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(6)) ?? [];
            var (trial, attempt, epoch) = (r.GetString(1), r.GetInt32(2), r.GetInt32(3));
            var m = new EpochMetrics(epoch, NullableDouble(r, 4), NullableDouble(r, 5), values, r.GetDouble(7), r.GetInt64(8), r.GetDouble(9))
            {
                Replicas = replicas.TryGetValue((trial, attempt, epoch), out var ranks) ? ranks : [],
            };
            metrics.Add(new JournalMetric(r.GetInt64(0), trial, attempt, m));
        }
        return metrics;
    }

    private List<SchedulerEvent> ReadReplay()
    {
        var replay = new List<SchedulerEvent>();
        var kinds = string.Join(", ", SchedulerEvent.Kinds.Select(k => $"'{k}'"));
        using var cmd = Command($"SELECT kind, trial_id, epoch, detail FROM events WHERE kind IN ({kinds}) ORDER BY seq", []);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var values = NullableString(r, 3) is { } json && json.StartsWith('{') ? JsonSerializer.Deserialize<Dictionary<string, double>>(json) : null;
            replay.Add(SchedulerEvent.FromJournal(r.GetString(0), r.GetString(1), NullableInt(r, 2), values));
        }
        return replay;
    }

    private static TrialStatus ParseStatus(string text) => Enum.TryParse<TrialStatus>(text, ignoreCase: true, out var s)
        ? s
        : throw new InvalidDataException($"journal: expected a trial status (pending, running, paused, completed, stopped, failed), got '{text}'");

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? NullableInt(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static double? NullableDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
