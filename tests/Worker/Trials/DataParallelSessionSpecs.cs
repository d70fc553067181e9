using System.Net;
using System.Net.Sockets;
using Troupe.Training.Learning;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;
using Troupe.Worker.Tests.Support;
using Troupe.Worker.Trials;

namespace Troupe.Worker.Tests.Trials;

/// <summary>Replicas of one data-parallel trial as the worker opens them, each on its own thread with its own Gloo rank on loopback.</summary>
public sealed class DataParallelSessionSpecs(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_replica_sessions_must_report_the_same_epochs_as_one_session_on_the_whole_batches()
    {
        var trial = TestTrials.Assignment("lmmodel6", new Dictionary<string, double> { ["lr"] = 3e-3 }, epochs: 1);
        var cache = new DatasetCache();
        var port = FreePort();

        var replicas = await Task.WhenAll(Enumerable.Range(0, 2).Select(rank => Task.Factory.StartNew(() =>
        {
            var replica = trial with { Group = new ReplicaGroup("trial-0000#1", rank, 2, "127.0.0.1", port, TimeSpan.FromSeconds(30)) };
            using var session = TrialSessions.Open(replica, null, cache);
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} rank {rank} opened");
            return Epochs(session);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))).WaitAsync(Bound);
        using var single = TrialSessions.Open(trial, null, cache);
        var reference = Epochs(single);

        foreach (var (rows, rank) in replicas.Select((r, i) => (r, i)))
        {
            rows.Should().HaveCount(1);
            rows[0].TrainLoss!.Value.Should().BeApproximately(reference[0].TrainLoss!.Value, 1e-4, $"rank {rank}'s reduced train_loss");
            rows[0].ValidLoss!.Value.Should().BeApproximately(reference[0].ValidLoss!.Value, 1e-4, $"rank {rank}'s reduced valid_loss");
            rows[0].Replicas.Select(r => r.Rank).Should().Equal(0, 1);
            rows[0].TrainTokens.Should().Be(reference[0].TrainTokens);
        }
    }

    private List<EpochMetrics> Epochs(ITrialSession session)
    {
        var epochs = new List<EpochMetrics>();
        while (true)
        {
            var step = session.Step();
            if (step.Kind == StepKind.EpochEnd)
                epochs.Add(session.GroupEpoch is { } g ? EpochMetrics.From(step.Record!, g) : EpochMetrics.From(step.Record!));
            else if (step.Kind is not (StepKind.TrainBatch or StepKind.ValidBatch)) return epochs;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
