using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Scheduling;
using Troupe.Training.Experiments;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Journal;

/// <summary>
/// The SQLite journal of one run directory (<c>journal.db</c>): each write is one transaction, committed before the
/// coordinator acts on what it records. Checkpoint files are written before the index rows that name them, so the
/// index never points at a missing file. Not thread-safe: the journal writer actor owns it.
/// </summary>
internal sealed partial class RunJournal : IDisposable
{
    public const string FileName = "journal.db";
    private readonly SqliteConnection db;
    private SqliteTransaction? current;

    private RunJournal(string runDirectory, SqliteConnection db)
    {
        RunDirectory = runDirectory;
        this.db = db;
    }

    public string RunDirectory { get; }

    public static bool Exists(string runDirectory) => File.Exists(Path.Combine(runDirectory, FileName));

    /// <summary>Opens (creating when new) the journal in <paramref name="runDirectory"/>.</summary>
    public static RunJournal Open(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(runDirectory, FileName), Pooling = false }.ToString());
        db.Open();
        using (var pragma = db.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
            pragma.ExecuteNonQuery();
        }
        var journal = new RunJournal(Path.GetFullPath(runDirectory), db);
        journal.Execute(JournalSchema.Create);
        return journal;
    }

    /// <summary>Records the experiment and its trials (first start), or a resume with the attempts the last coordinator left running.</summary>
    public void BeginExperiment(ExperimentSpec spec, string? specBaseDirectory, IReadOnlyList<TrialConfig> trials, IReadOnlyList<FencingToken> interrupted)
    {
        var now = Now();
        using var tx = Begin();
        var exists = Scalar("SELECT COUNT(*) FROM experiment") is long n && n > 0;
        if (!exists)
        {
            Execute("INSERT INTO experiment (id, schema_version, name, spec_source, spec_text, spec_base_dir, state, created_at) VALUES (1, $v, $n, $s, $t, $b, 'running', $at)",
                ("$v", JournalSchema.Version), ("$n", spec.Name), ("$s", spec.Source), ("$t", spec.Text), ("$b", specBaseDirectory), ("$at", now));
            foreach (var t in trials)
                Execute("INSERT INTO trials (trial_id, idx, params_json, seed, status, updated_at) VALUES ($id, $i, $p, $seed, 'pending', $at)",
                    ("$id", t.TrialId), ("$i", t.Index), ("$p", t.Params.ToJson()), ("$seed", t.Seed.ToString(CultureInfo.InvariantCulture)), ("$at", now));
            Event("experiment_started", null, null, $"{trials.Count} trials");
        }
        else
        {
            Execute("UPDATE experiment SET state = 'running', finished_at = NULL");
            foreach (var token in interrupted)
            {
                EndAttemptRow(token, "interrupted", "the coordinator stopped before the attempt ended");
                SetStatus(token.TrialId, TrialStatus.Pending);
            }
            Event("experiment_resumed", null, null, $"{interrupted.Count} interrupted attempts requeued");
        }
        tx.Commit();
    }

    /// <summary>A new attempt on <paramref name="workerId"/> (rank 0's), with its data-parallel group's replicas and rendezvous when it has one.</summary>
    public void StartAttempt(FencingToken fence, string workerId, int startEpoch, IReadOnlyList<GroupReplica>? replicas = null, string? rendezvous = null)
    {
        using var tx = Begin();
        Execute("INSERT INTO attempts (trial_id, attempt, worker, start_epoch, started_at) VALUES ($t, $a, $w, $e, $at)",
            ("$t", fence.TrialId), ("$a", fence.Attempt), ("$w", workerId), ("$e", startEpoch), ("$at", Now()));
        foreach (var r in replicas ?? [])
            Execute("INSERT INTO attempt_replicas (trial_id, attempt, rank, worker, host, rendezvous) VALUES ($t, $a, $r, $w, $h, $z)",
                ("$t", fence.TrialId), ("$a", fence.Attempt), ("$r", r.Rank), ("$w", r.WorkerId), ("$h", r.Host), ("$z", rendezvous ?? ""));
        Execute("UPDATE trials SET status = 'running', worker = $w, updated_at = $at WHERE trial_id = $t", ("$w", workerId), ("$at", Now()), ("$t", fence.TrialId));
        Event("placed", fence, startEpoch, workerId);
        tx.Commit();
    }

    /// <summary>The path of the checkpoint a new attempt of <paramref name="trialId"/> starts from, or null for none.</summary>
    public string? LatestCheckpoint(string trialId) =>
        Scalar("SELECT path FROM checkpoints WHERE trial_id = $t AND kind = 'latest'", ("$t", trialId)) as string;

    /// <summary>The path of the checkpoint of <paramref name="trialId"/>'s best epoch by the spec's metric, or null for none.</summary>
    public string? BestCheckpoint(string trialId) =>
        Scalar("SELECT path FROM checkpoints WHERE trial_id = $t AND kind = 'best'", ("$t", trialId)) as string;

    /// <summary>
    /// One accepted epoch: its checkpoint file (<c>receivedCheckpoint</c>, as received, moved into place first), the metric row (with a data-parallel attempt's replica rows), the
    /// checkpoint index (latest, and best when it is), the scheduler <paramref name="events"/> it caused (its result, a
    /// removal when stopped early), the decision and the trial's status.
    /// </summary>
    public void RecordEpoch(FencingToken fence, EpochMetrics m, string receivedCheckpoint, double? metric, bool isBest, TrialDecision decision, bool final, TrialStatus status,
        IReadOnlyList<SchedulerEvent> events)
    {
        var resumeAt = m.Epoch + 1;
        var relative = CheckpointFiles.RelativePath(fence.TrialId, resumeAt);
        CheckpointFiles.Adopt(RunDirectory, relative, receivedCheckpoint);
        using (var tx = Begin())
        {
            Execute("""
                INSERT INTO metrics (trial_id, attempt, epoch, train_loss, valid_loss, accuracy, perplexity, metrics_json, seconds, train_tokens, tokens_per_second, decision, recorded_at)
                VALUES ($t, $a, $e, $tl, $vl, $acc, $ppl, $mj, $s, $tok, $tps, $d, $at)
                """,
                ("$t", fence.TrialId), ("$a", fence.Attempt), ("$e", m.Epoch), ("$tl", m.TrainLoss), ("$vl", m.ValidLoss), ("$acc", m.Value("accuracy")),
                ("$ppl", m.Value("perplexity")), ("$mj", JsonSerializer.Serialize(m.Metrics)), ("$s", m.Seconds), ("$tok", m.TrainTokens),
                ("$tps", m.TokensPerSecond), ("$d", decision.ToString().ToLowerInvariant()), ("$at", Now()));
            ReplicaRows(fence, m);
            Index(fence, "latest", resumeAt, relative, metric);
            if (isBest) Index(fence, "best", resumeAt, relative, metric);
            foreach (var e in events) Event(e, fence, "stopped early");
            if (final || decision != TrialDecision.Continue)
                EndAttemptRow(fence, final ? "completed" : decision == TrialDecision.Stop ? "stopped" : "paused", null);
            SetStatus(fence.TrialId, status);
            tx.Commit();
        }
        var keep = new List<string>();
        foreach (var kind in new[] { "latest", "best" })
            if (Scalar("SELECT path FROM checkpoints WHERE trial_id = $t AND kind = $k", ("$t", fence.TrialId), ("$k", kind)) is string p) keep.Add(p);
        CheckpointFiles.Prune(RunDirectory, fence.TrialId, keep);
    }

    /// <summary>
    /// An attempt ended without completing: failed (retried or given up) or lost with its worker, with the scheduler
    /// <paramref name="events"/> it caused (its error, a removal when given up).
    /// </summary>
    public void EndAttempt(FencingToken fence, string outcome, string? reason, TrialStatus status, IReadOnlyList<SchedulerEvent> events)
    {
        using var tx = Begin();
        EndAttemptRow(fence, outcome, reason);
        SetStatus(fence.TrialId, status);
        foreach (var e in events) Event(e, fence, e is SchedulerEvent.Removed ? outcome : reason);
        tx.Commit();
    }

    /// <summary>An event that changes no state (a stale report, a worker joining or lost), for the record.</summary>
    public void Note(string kind, FencingToken? fence, string? detail)
    {
        using var tx = Begin();
        Event(kind, fence, null, detail);
        tx.Commit();
    }

    public void FinishExperiment(string state)
    {
        using var tx = Begin();
        Execute("UPDATE experiment SET state = $s, finished_at = $at", ("$s", state), ("$at", Now()));
        Event("experiment_" + state, null, null, null);
        tx.Commit();
    }

    public void Dispose() => db.Dispose();

    // Commands run inside the open transaction (Microsoft.Data.Sqlite requires it on the command).
    private Transaction Begin()
    {
        current = db.BeginTransaction();
        return new Transaction(this);
    }

    private void Index(FencingToken fence, string kind, int epoch, string relative, double? metric) =>
        Execute("INSERT OR REPLACE INTO checkpoints (trial_id, kind, attempt, epoch, path, metric) VALUES ($t, $k, $a, $e, $p, $m)",
            ("$t", fence.TrialId), ("$k", kind), ("$a", fence.Attempt), ("$e", epoch), ("$p", relative), ("$m", metric));

    private void EndAttemptRow(FencingToken fence, string outcome, string? reason) =>
        Execute("UPDATE attempts SET ended_at = $at, outcome = $o, reason = $r WHERE trial_id = $t AND attempt = $a AND ended_at IS NULL",
            ("$at", Now()), ("$o", outcome), ("$r", reason), ("$t", fence.TrialId), ("$a", fence.Attempt));

    private void SetStatus(string trialId, TrialStatus status) =>
        Execute("UPDATE trials SET status = $s, updated_at = $at WHERE trial_id = $t", ("$s", StatusName(status)), ("$at", Now()), ("$t", trialId));

    // A result's row carries its time and values (what a replay needs); the others a reason for the record.
    private void Event(SchedulerEvent e, FencingToken fence, string? reason) => Event(e.Kind, fence, e.Time,
        e is SchedulerEvent.Result r ? JsonSerializer.Serialize(r.Values) : reason);

    private void Event(string kind, FencingToken? fence, int? epoch, string? detail) =>
        Execute("INSERT INTO events (at, kind, trial_id, attempt, epoch, detail) VALUES ($at, $k, $t, $a, $e, $d)",
            ("$at", Now()), ("$k", kind), ("$t", fence?.TrialId), ("$a", fence?.Attempt), ("$e", epoch), ("$d", detail));

    internal static string StatusName(TrialStatus status) => status.ToString().ToLowerInvariant();

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private void Execute(string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(sql, args);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(sql, args);
        return cmd.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] args)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = current;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private sealed class Transaction(RunJournal journal) : IDisposable
    {
        public void Commit() => journal.current!.Commit();

        public void Dispose()
        {
            journal.current?.Dispose();
            journal.current = null;
        }
    }
}
