using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Troupe.Deploy.Tests.Support;

namespace Troupe.Deploy.Tests;

/// <summary>
/// deploy/chaos/check-run.sh on run dirs built here with the coordinator's own journal schema (read from
/// src/Coordinator/Journal/JournalSchema.cs): a clean run passes, each kind of damage is counted.
/// </summary>
public sealed class ChaosCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("troupe-check-").FullName;

    [SqliteFact]
    public void Chaos_check_must_pass_a_run_that_matches_its_reference()
    {
        var run = MakeRun("run", "");
        var reference = MakeRun("reference", "");
        var (code, output) = Check(run, reference);
        code.Should().Be(0, output);
        output.Should().Contain("trials=2 completed=2 stopped=0 attempts=3 lost=0 duplicated=0 doubly_running=0 metrics_mismatch=0 final_diff=0");
    }

    [SqliteFact]
    public void Chaos_check_must_count_attempts_that_overlap_in_time()
    {
        var run = MakeRun("run", "UPDATE attempts SET ended_at = '2026-12-01T10:00:09Z' WHERE trial_id = 'trial-0001' AND attempt = 1;");
        var (code, output) = Check(run, MakeRun("reference", ""));
        code.Should().Be(1);
        output.Should().Contain("doubly_running=1").And.Contain("trial-0001 #1 on w1");
    }

    [SqliteFact]
    public void Chaos_check_must_count_an_epoch_accepted_twice_and_a_lost_trial()
    {
        var run = MakeRun("run", """
            INSERT INTO metrics (trial_id, attempt, epoch, train_loss, valid_loss, accuracy, perplexity, metrics_json, seconds, train_tokens, tokens_per_second, decision, recorded_at)
              VALUES ('trial-0000', 1, 1, 1.0, 1.5, 0.5, 4.4, '{}', 1, 100, 100, 'continue', '2026-12-01T10:00:03Z');
            UPDATE trials SET status = 'failed' WHERE trial_id = 'trial-0001';
            """);
        var (code, output) = Check(run, null);
        code.Should().Be(1);
        output.Should().Contain("lost=1").And.Contain("duplicated=1").And.Contain("final_diff=-");
    }

    [SqliteFact]
    public void Chaos_check_must_count_final_metrics_that_differ_from_the_reference_in_the_last_bit()
    {
        var run = MakeRun("run", "UPDATE metrics SET valid_loss = 1.2000000000000002 WHERE trial_id = 'trial-0000' AND epoch = 1;", jsonValidLoss: "1.2000000000000002");
        var (code, output) = Check(run, MakeRun("reference", ""));
        code.Should().Be(1);
        output.Should().Contain("metrics_mismatch=0").And.Contain("final_diff=1");
    }

    [SqliteFact]
    public void Chaos_check_must_count_metrics_file_rows_the_journal_does_not_have()
    {
        var run = MakeRun("run", "DELETE FROM metrics WHERE trial_id = 'trial-0001' AND epoch = 0;");
        var (code, output) = Check(run, null);
        code.Should().Be(1);
        output.Should().Contain("metrics_mismatch=1").And.Contain("metrics.jsonl only: trial-0001 #2 epoch 0");
    }

    [Fact]
    public void Healthcheck_must_report_healthy_only_while_the_listen_port_accepts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Healthcheck($"0.0.0.0:{port}").Code.Should().Be(0);
        listener.Stop();
        var (code, output) = Healthcheck($"0.0.0.0:{port}");
        code.Should().Be(1);
        output.Should().Contain($"nothing listens on port {port}");
    }

    /// <summary>
    /// Two trials: trial-0000 one attempt (epochs 0-1 on w1); trial-0001's attempt 1 lost with w1 before reporting,
    /// attempt 2 on w2 runs epochs 0-1. Then <paramref name="damage"/> (SQL) on the journal.
    /// </summary>
    private string MakeRun(string name, string damage, string jsonValidLoss = "1.2")
    {
        var dir = Path.Combine(_dir, name);
        Directory.CreateDirectory(dir);
        var sql = Schema() + """
            INSERT INTO experiment VALUES (1, 1, 'chaos', 's.yaml', 'x', NULL, 'completed', '2026-12-01T10:00:00Z', '2026-12-01T10:00:30Z');
            INSERT INTO trials VALUES ('trial-0000', 0, '{}', '1', 'completed', 'w1', '2026-12-01T10:00:20Z');
            INSERT INTO trials VALUES ('trial-0001', 1, '{}', '2', 'completed', 'w2', '2026-12-01T10:00:30Z');
            INSERT INTO attempts VALUES ('trial-0000', 1, 'w1', 0, '2026-12-01T10:00:01Z', '2026-12-01T10:00:20Z', 'completed', NULL);
            INSERT INTO attempts VALUES ('trial-0001', 1, 'w1', 0, '2026-12-01T10:00:01Z', '2026-12-01T10:00:05Z', 'lost', 'worker lost');
            INSERT INTO attempts VALUES ('trial-0001', 2, 'w2', 0, '2026-12-01T10:00:06Z', '2026-12-01T10:00:30Z', 'completed', NULL);
            INSERT INTO metrics (trial_id, attempt, epoch, train_loss, valid_loss, accuracy, perplexity, metrics_json, seconds, train_tokens, tokens_per_second, decision, recorded_at) VALUES
              ('trial-0000', 1, 0, 1.5, 1.7, 0.4, 5.4, '{}', 1, 100, 100, 'continue', '2026-12-01T10:00:10Z'),
              ('trial-0000', 1, 1, 1.0, 1.2, 0.5, 3.3, '{}', 1, 100, 100, 'continue', '2026-12-01T10:00:20Z'),
              ('trial-0001', 2, 0, 1.6, 1.8, 0.4, 6.0, '{}', 1, 100, 100, 'continue', '2026-12-01T10:00:15Z'),
              ('trial-0001', 2, 1, 1.1, 1.3, 0.5, 3.6, '{}', 1, 100, 100, 'continue', '2026-12-01T10:00:30Z');
            INSERT INTO events (at, kind, trial_id, attempt, epoch, detail) VALUES
              ('2026-12-01T10:00:20Z', 'final_result', 'trial-0000', 1, 2, '{}'), ('2026-12-01T10:00:30Z', 'final_result', 'trial-0001', 2, 2, '{}');
            """ + damage;
        var (code, output) = Sqlite(Path.Combine(dir, "journal.db"), sql);
        code.Should().Be(0, output);
        File.WriteAllText(Path.Combine(dir, "metrics.jsonl"), $$"""
            {"trial":"trial-0000","attempt":1,"epoch":0,"train_loss":1.5,"valid_loss":1.7}
            {"trial":"trial-0000","attempt":1,"epoch":1,"train_loss":1.0,"valid_loss":{{jsonValidLoss}}}
            {"trial":"trial-0001","attempt":2,"epoch":0,"train_loss":1.6,"valid_loss":1.8}
            {"trial":"trial-0001","attempt":2,"epoch":1,"train_loss":1.1,"valid_loss":1.3}

            """);
        File.WriteAllText(Path.Combine(dir, "trials.csv"), "trial_id,status,attempts,worker\ntrial-0000,completed,1,w1\ntrial-0001,completed,2,w2\n");
        return dir;
    }

    private static string Schema()
    {
        var text = Repo.Read("src/Coordinator/Journal/JournalSchema.cs");
        return Regex.Match(text, "Create = \"\"\"(.*?)\"\"\";", RegexOptions.Singleline).Groups[1].Value;
    }

    private static (int Code, string Output) Check(string run, string? reference) =>
        Exec("bash", [Repo.PathOf("deploy/chaos/check-run.sh"), run, .. reference is null ? Array.Empty<string>() : [reference]], null);

    private static (int Code, string Output) Sqlite(string db, string sql) => Exec("sqlite3", ["-batch", db], sql);

    private static (int Code, string Output) Healthcheck(string listen) =>
        Exec("bash", [Repo.PathOf("deploy/healthcheck.sh")], null, ("TROUPE_LISTEN", listen));

    private static (int Code, string Output) Exec(string file, string[] args, string? stdin, params (string, string)[] env)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(30_000).Should().BeTrue();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>Skips where the sqlite3 CLI (which check-run.sh uses) is not installed.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "sqlite3")));
        if (!found) Skip = "deploy/chaos/check-run.sh needs the sqlite3 CLI (apt-get install sqlite3), not installed here";
    }
}
