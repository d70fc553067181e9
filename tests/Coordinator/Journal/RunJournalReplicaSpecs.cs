using Troupe.Coordinator.Commands;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Journal;

/// <summary>The journal's data-parallel rows: a group's ranks (attempt_replicas) and each replica's throughput per epoch (replica_metrics).</summary>
public sealed class RunJournalReplicaSpecs : IDisposable
{
    private const string Yaml = """
        name: journal-replicas
        data: { kind: human-numbers }
        model: noop
        train: { epochs: 2, batch_size: 64, seq_len: 16 }
        params:
          x: grid(0.5, 1.5)
        """;

    private static readonly GroupReplica[] Group = [new(0, "w1", "10.0.0.1"), new(1, "w2", "10.0.0.2")];

    private readonly TempFolder folder = new();

    // A checkpoint as the coordinator has received it: a whole file in checkpoints/incoming/, adopted by the journal.
    private string Received(byte[] bytes)
    {
        var path = Path.Combine(folder.Path, "checkpoints", "incoming", $"{Guid.NewGuid():N}.ckpt");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }
    private readonly ExperimentSpec spec = new ExperimentSpecReader(SweepValidation.ModelNames).Parse(Yaml, "journal.yaml");

    private static EpochMetrics Epoch(int epoch, params ReplicaThroughput[] replicas) =>
        new(epoch, 2.0, 2.0, new Dictionary<string, double>(), 1.5, replicas.Sum(r => r.Tokens), 3000) { Replicas = replicas };

    [Fact]
    public void RunJournal_must_store_each_replicas_throughput_of_an_epoch_with_its_worker_and_read_it_back()
    {
        var dp = new FencingToken("trial-0000", 1);
        var alone = new FencingToken("trial-0001", 1);
        using (var journal = RunJournal.Open(folder.Path))
        {
            journal.BeginExperiment(spec, null, spec.Trials(), []);
            journal.StartAttempt(dp, "w1", 0, Group, "10.0.0.1:29500");
            journal.RecordEpoch(dp, Epoch(0, new(0, 2048, 1.0, 0.25), new(1, 2048, 0.5, 0.25)), Received([1]), 2.0, true, TrialDecision.Continue, false, TrialStatus.Running, []);
            journal.RecordEpoch(dp, Epoch(1, new(0, 2048, 0.5, 0.0), new(1, 2048, 0.0, 0.0)), Received([2]), 2.0, false, TrialDecision.Continue, true, TrialStatus.Completed, []);
            journal.StartAttempt(alone, "w3", 0);
            journal.RecordEpoch(alone, Epoch(0), Received([3]), 2.0, true, TrialDecision.Continue, false, TrialStatus.Running, []);
        }

        using var reopened = RunJournal.Open(folder.Path);
        var snapshot = reopened.Snapshot()!;

        snapshot.ReplicaMetrics.Should().Equal(
            new JournalReplicaMetric("trial-0000", 1, 0, 0, "w1", 2048, 1.0, 0.25, 2048, 0.25),
            new JournalReplicaMetric("trial-0000", 1, 0, 1, "w2", 2048, 0.5, 0.25, 4096, 0.5),
            new JournalReplicaMetric("trial-0000", 1, 1, 0, "w1", 2048, 0.5, 0.0, 4096, 0.0),
            new JournalReplicaMetric("trial-0000", 1, 1, 1, "w2", 2048, 0.0, 0.0, 0, 0.0));
        snapshot.Metrics.Select(m => m.Metrics.Replicas.Count).Should().Equal([2, 2, 0], "a resumed coordinator gets each report's replicas back; a trial alone has none");
        snapshot.Metrics[0].Metrics.Replicas.Should().Equal(new ReplicaThroughput(0, 2048, 1.0, 0.25), new ReplicaThroughput(1, 2048, 0.5, 0.25));
    }

    [Fact]
    public void RunJournal_must_refuse_a_replica_rank_its_group_does_not_have_and_record_nothing_of_that_epoch()
    {
        var dp = new FencingToken("trial-0000", 1);
        using var journal = RunJournal.Open(folder.Path);
        journal.BeginExperiment(spec, null, spec.Trials(), []);
        journal.StartAttempt(dp, "w1", 0, Group, "10.0.0.1:29500");

        var record = () => journal.RecordEpoch(dp, Epoch(0, new(0, 2048, 1.0, 0.25), new(2, 2048, 1.0, 0.25)), Received([1]), 2.0, true,
            TrialDecision.Continue, false, TrialStatus.Running, []);

        record.Should().Throw<InvalidOperationException>().WithMessage("journal: expected rank 2 of trial-0000#1 in attempt_replicas (epoch 0), got ranks [0, 1]");
        var snapshot = journal.Snapshot()!;
        snapshot.Metrics.Should().BeEmpty("the epoch's metric row is in the same transaction as its replica rows");
        snapshot.ReplicaMetrics.Should().BeEmpty();
        journal.LatestCheckpoint("trial-0000").Should().BeNull();
    }

    [Fact]
    public void MetricsLine_must_carry_a_data_parallel_epochs_replicas_by_rank()
    {
        var line = SweepJson.MetricsLine("trial-0000", 2, Epoch(3, new(0, 2048, 1.0, 0.25), new(1, 1024, 0.5, 0.1)));

        line.Should().Contain("\"trial\":\"trial-0000\",\"attempt\":2,\"epoch\":3")
            .And.Contain("\"replicas\":[{\"rank\":0,\"tokens\":2048,\"tokens_per_second\":2048,\"comm_fraction\":0.25},{\"rank\":1,\"tokens\":1024,\"tokens_per_second\":2048,\"comm_fraction\":0.2}]");
        SweepJson.MetricsLine("trial-0001", 1, Epoch(0)).Should().NotContain("replicas");
    }

    public void Dispose() => folder.Dispose();
}
