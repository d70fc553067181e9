using Microsoft.Data.Sqlite;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Tests.Sweep;

/// <summary>
/// A data-parallel trial end to end on in-process workers, as <c>troupe-coordinator run --local-workers 2</c> runs it:
/// two replica actors on two workers of one process, each with its own Gloo rank on loopback (ranks on threads of one
/// libtorch process work: the group is per actor, and the steps of data-parallel sessions skip the process-wide RNG
/// gate). LMModel6 has no dropout, so the 2-replica losses must equal the 1-replica ones up to float rounding.
/// </summary>
[Trait("Category", "System")]
public sealed class DataParallelSweepSpecs(ITestOutputHelper output) : SweepSpecsBase(output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);
    private readonly ITestOutputHelper sink = output;

    private static string Yaml(string resources) => $$"""
        name: dp
        data: { kind: human-numbers }
        model: lmmodel6
        train: { epochs: 2, batch_size: 64, seq_len: 16 }
        params: { lr: 0.003 }
        {{resources}}
        """;

    [Fact]
    public void A_two_replica_trial_on_two_local_workers_must_complete_with_the_single_replica_losses()
    {
        var dp = Run("dp", "resources: { replicas: 2, slots_per_replica: 1 }");
        var dpLog = LogText;
        var single = Run("single", "resources: { slots_per_trial: 1 }");

        dp.Should().HaveCount(2);
        for (var e = 0; e < 2; e++)
        {
            sink.WriteLine($"epoch {e}: train_loss {dp[e].TrainLoss:F6} vs {single[e].TrainLoss:F6}, valid_loss {dp[e].ValidLoss:F6} vs {single[e].ValidLoss:F6}");
            dp[e].TrainLoss!.Value.Should().BeApproximately(single[e].TrainLoss!.Value, 1e-4, $"epoch {e} train_loss");
            dp[e].ValidLoss!.Value.Should().BeApproximately(single[e].ValidLoss!.Value, 1e-4, $"epoch {e} valid_loss");
            dp[e].Value("accuracy")!.Value.Should().BeApproximately(single[e].Value("accuracy")!.Value, 1e-4, $"epoch {e} accuracy");
            dp[e].TrainTokens.Should().Be(single[e].TrainTokens, "the replicas' rows add up to the whole batches");
        }
        dpLog.Should().MatchRegex(@"group   trial-0000#1: 2 replicas, rendezvous 127\.0\.0\.1:\d+; rank 0 on local-\d \(127\.0\.0\.1\), rank 1 on local-\d \(127\.0\.0\.1\)")
            .And.MatchRegex(@"replicas trial-0000#1 epoch 1: rank 0 on local-\d \d+ tok/s \(comm \d+%\), rank 1 on local-\d \d+ tok/s")
            .And.Contain("done    trial-0000#1 after 2 epochs");
        using var db = new SqliteConnection($"Data Source={Path.Combine(Folder.Sub("dp"), "journal.db")};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT rank || '@' || worker FROM attempt_replicas WHERE trial_id = 'trial-0000' AND attempt = 1 ORDER BY rank";
        using var rows = cmd.ExecuteReader();
        var group = new List<string>();
        while (rows.Read()) group.Add(rows.GetString(0));
        group.Should().HaveCount(2).And.Contain(g => g.StartsWith("0@local-", StringComparison.Ordinal)).And.Contain(g => g.StartsWith("1@local-", StringComparison.Ordinal));
    }

    private List<Worker.Protocol.EpochMetrics> Run(string name, string resources)
    {
        var runDir = Folder.Sub(name);
        var coordinator = StartCoordinator(Spec(Yaml(resources)), runDir, name: name);
        StartWorker(coordinator, $"local-1", name: $"{name}-1");
        StartWorker(coordinator, $"local-2", name: $"{name}-2");
        var probe = CreateTestProbe();
        probe.Send(coordinator, new Coordinator.Sweep.AwaitSweep());
        Reporting.SweepSummary summary;
        try
        {
            summary = probe.ExpectMsg<Coordinator.Sweep.SweepCompleted>(Bound).Summary;
        }
        catch (TestKit.TestKitAssertionException)
        {
            sink.WriteLine($"the {name} sweep did not end within {Bound}; log:\n{LogText}");
            throw;
        }
        summary.Completed.Should().Be(1, "the trial completes; log:\n{0}", LogText);
        var snapshot = Snapshot(runDir);
        snapshot.Trials.Should().ContainSingle().Which.Status.Should().Be(TrialStatus.Completed);
        return [.. snapshot.Metrics.Select(m => m.Metrics)];
    }
}
