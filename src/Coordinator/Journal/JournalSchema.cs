namespace Troupe.Coordinator.Journal;

/// <summary>
/// The run journal's tables (SQLite, <c>RUN_DIR/journal.db</c>). <c>events</c> is the ordered log a resumed
/// coordinator replays into a fresh trial scheduler; the other tables are its queryable state. <c>attempt_replicas</c>
/// holds the group of a data-parallel attempt (one row per rank; none for a trial trained alone, whose one worker is
/// <c>attempts.worker</c>); <c>replica_metrics</c> holds each replica's training throughput per accepted epoch of such
/// an attempt (one row per rank, written in the epoch's transaction with its <c>metrics</c> row: tokens, train and
/// allreduce seconds, tokens/s and the allreduce share of the pass). Both came after version 1 and are created when
/// an older journal is opened.
/// </summary>
internal static class JournalSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS experiment (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            schema_version INTEGER NOT NULL,
            name TEXT NOT NULL,
            spec_source TEXT NOT NULL,
            spec_text TEXT NOT NULL,
            spec_base_dir TEXT,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            finished_at TEXT);
        CREATE TABLE IF NOT EXISTS trials (
            trial_id TEXT PRIMARY KEY,
            idx INTEGER NOT NULL,
            params_json TEXT NOT NULL,
            seed TEXT NOT NULL,
            status TEXT NOT NULL,
            worker TEXT,
            updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS attempts (
            trial_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            worker TEXT NOT NULL,
            start_epoch INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            outcome TEXT,
            reason TEXT,
            PRIMARY KEY (trial_id, attempt));
        CREATE TABLE IF NOT EXISTS attempt_replicas (
            trial_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            rank INTEGER NOT NULL,
            worker TEXT NOT NULL,
            host TEXT NOT NULL,
            rendezvous TEXT NOT NULL,
            PRIMARY KEY (trial_id, attempt, rank));
        CREATE TABLE IF NOT EXISTS metrics (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            trial_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            epoch INTEGER NOT NULL,
            train_loss REAL,
            valid_loss REAL,
            accuracy REAL,
            perplexity REAL,
            metrics_json TEXT NOT NULL,
            seconds REAL NOT NULL,
            train_tokens INTEGER NOT NULL,
            tokens_per_second REAL NOT NULL,
            decision TEXT NOT NULL,
            recorded_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS replica_metrics (
            trial_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            epoch INTEGER NOT NULL,
            rank INTEGER NOT NULL,
            worker TEXT NOT NULL,
            tokens INTEGER NOT NULL,
            train_seconds REAL NOT NULL,
            comm_seconds REAL NOT NULL,
            tokens_per_second REAL NOT NULL,
            comm_fraction REAL NOT NULL,
            PRIMARY KEY (trial_id, attempt, epoch, rank));
        CREATE TABLE IF NOT EXISTS checkpoints (
            trial_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('latest', 'best')),
            attempt INTEGER NOT NULL,
            epoch INTEGER NOT NULL,
            path TEXT NOT NULL,
            metric REAL,
            PRIMARY KEY (trial_id, kind));
        CREATE TABLE IF NOT EXISTS events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            trial_id TEXT,
            attempt INTEGER,
            epoch INTEGER,
            detail TEXT);
        """;
}
