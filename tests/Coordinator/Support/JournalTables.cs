using Microsoft.Data.Sqlite;
using Troupe.Coordinator.Journal;

namespace Troupe.Coordinator.Tests.Support;

/// <summary>
/// Reads journal rows the resume snapshot does not carry (a data-parallel attempt's group, an attempt's start
/// epoch) straight from <c>RUN_DIR/journal.db</c>, as a user inspecting the run with SQL would.
/// </summary>
public static class JournalTables
{
    /// <summary>The group of one attempt from <c>attempt_replicas</c>, by rank (empty for a trial trained alone).</summary>
    public static List<(int Rank, string Worker)> Group(string runDir, string trialId, int attempt)
    {
        using var db = Open(runDir);
        using var cmd = Query(db, "SELECT rank, worker FROM attempt_replicas WHERE trial_id = $t AND attempt = $a ORDER BY rank", trialId, attempt);
        using var r = cmd.ExecuteReader();
        var rows = new List<(int, string)>();
        while (r.Read()) rows.Add((r.GetInt32(0), r.GetString(1)));
        return rows;
    }

    /// <summary>The epoch an attempt started training from (<c>attempts.start_epoch</c>).</summary>
    public static long StartEpoch(string runDir, string trialId, int attempt)
    {
        using var db = Open(runDir);
        using var cmd = Query(db, "SELECT start_epoch FROM attempts WHERE trial_id = $t AND attempt = $a", trialId, attempt);
        return cmd.ExecuteScalar() is long epoch ? epoch : throw new InvalidOperationException($"journal: expected attempt {attempt} of {trialId} in {runDir}, got none");
    }

    private static SqliteCommand Query(SqliteConnection db, string sql, string trialId, int attempt)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$t", trialId);
        cmd.Parameters.AddWithValue("$a", attempt);
        return cmd;
    }

    private static SqliteConnection Open(string runDir)
    {
        var db = new SqliteConnection($"Data Source={Path.Combine(runDir, RunJournal.FileName)};Pooling=False");
        db.Open();
        return db;
    }
}
