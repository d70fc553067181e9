using Troupe.Training.Learning;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Journal;

// replica_metrics: each replica's throughput per accepted epoch of a data-parallel attempt (see JournalSchema).
internal sealed partial class RunJournal
{
    /// <summary>
    /// Inside <see cref="RecordEpoch"/>'s transaction: one row per rank of <paramref name="m"/>'s replicas, with the
    /// rank's worker from the attempt's group in <c>attempt_replicas</c> (a report of an epoch again replaces its rows).
    /// </summary>
    /// <exception cref="InvalidOperationException">A rank the attempt's journaled group does not have.</exception>
    private void ReplicaRows(FencingToken fence, EpochMetrics m)
    {
        if (m.Replicas.Count == 0) return;
        var workers = new Dictionary<long, string>();
        using (var cmd = Command("SELECT rank, worker FROM attempt_replicas WHERE trial_id = $t AND attempt = $a", [("$t", fence.TrialId), ("$a", fence.Attempt)]))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) workers[r.GetInt64(0)] = r.GetString(1);
        foreach (var replica in m.Replicas)
        {
            if (!workers.TryGetValue(replica.Rank, out var worker))
                throw new InvalidOperationException($"journal: expected rank {replica.Rank} of {fence} in attempt_replicas (epoch {m.Epoch}), "
                    + $"got ranks [{string.Join(", ", workers.Keys.Order())}]");
            Execute("""
                INSERT OR REPLACE INTO replica_metrics (trial_id, attempt, epoch, rank, worker, tokens, train_seconds, comm_seconds, tokens_per_second, comm_fraction)
                VALUES ($t, $a, $e, $r, $w, $tok, $ts, $cs, $tps, $cf)
                """,
                ("$t", fence.TrialId), ("$a", fence.Attempt), ("$e", m.Epoch), ("$r", replica.Rank), ("$w", worker), ("$tok", replica.Tokens),
                ("$ts", replica.TrainSeconds), ("$cs", replica.CommSeconds), ("$tps", replica.TokensPerSecond), ("$cf", replica.CommFraction));
        }
    }

    private List<JournalReplicaMetric> ReadReplicaMetrics()
    {
        var rows = new List<JournalReplicaMetric>();
        using var cmd = Command("""
            SELECT trial_id, attempt, epoch, rank, worker, tokens, train_seconds, comm_seconds, tokens_per_second, comm_fraction
            FROM replica_metrics ORDER BY trial_id, attempt, epoch, rank
            """, []);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            rows.Add(new JournalReplicaMetric(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetString(4), r.GetInt64(5),
                r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9)));
        }
        return rows;
    }

    // An accepted epoch's replicas by rank, as its report carried them (empty for a trial trained alone).
    private static Dictionary<(string, int, int), List<ReplicaThroughput>> ByEpoch(IEnumerable<JournalReplicaMetric> rows) =>
        rows.GroupBy(r => (r.TrialId, r.Attempt, r.Epoch))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Rank).Select(r => new ReplicaThroughput(r.Rank, r.Tokens, r.TrainSeconds, r.CommSeconds)).ToList());
}
