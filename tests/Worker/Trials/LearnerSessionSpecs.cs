using System.Net;
using System.Net.Sockets;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Tests.Support;
using Troupe.Training.Transfer;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;
using Troupe.Worker.Tests.Support;
using Troupe.Worker.Trials;

namespace Troupe.Worker.Tests.Trials;

/// <summary>
/// A trial as the worker opens it, alone and as 2 replicas of one data-parallel attempt (each rank on its own thread
/// with its own Gloo rank on loopback): with no dropout every spec feature must train the same epochs either way
/// (DESIGN.md: "a run with N replicas and no dropout reproduces the 1-replica run").
/// </summary>
public sealed class LearnerSessionSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(180);

    // Tiny AWD-LSTMs without dropout (drop_mult scales every p, the classifier head's included).
    private static readonly Dictionary<string, double> Tiny = new() { ["emb_sz"] = 8, ["n_hid"] = 16, ["n_layers"] = 2, ["lr"] = 1e-2, ["drop_mult"] = 0 };
    private readonly string folder = Directory.CreateTempSubdirectory("troupe-worker-session-").FullName;
    private readonly DatasetCache cache = new();

    public enum Feature
    {
        /// <summary>A language model from scratch, one fit (Human Numbers, lmmodel6).</summary>
        Plain,

        /// <summary>awd_lstm fine-tuned from a pretrained language model artifact, one fit.</summary>
        InitFrom,

        /// <summary>awd_lstm from the artifact with gradual unfreezing: 1 epoch with only the last layer group training, then all.</summary>
        GradualUnfreezing,

        /// <summary>awd_lstm_clas from scratch on a tiny CSV, one fit: its head's BatchNorms train on the whole batch's statistics.</summary>
        Classifier,

        /// <summary>awd_lstm_clas from the encoder artifact (its vocab) with the classifier's 4 unfreezing phases.</summary>
        ClassifierUnfreezing,
    }

    void IDisposable.Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(Feature.Plain)]
    [InlineData(Feature.InitFrom)]
    [InlineData(Feature.GradualUnfreezing)]
    [InlineData(Feature.Classifier)]
    [InlineData(Feature.ClassifierUnfreezing)]
    public async Task Two_replicas_must_train_each_spec_feature_as_one_replica_does(Feature feature)
    {
        var trial = Trial(feature);
        var port = FreePort();

        var replicas = await Task.WhenAll(Enumerable.Range(0, 2).Select(rank => Task.Factory.StartNew(() =>
        {
            var replica = trial with { Group = new ReplicaGroup("trial-0000#1", rank, 2, "127.0.0.1", port, TimeSpan.FromSeconds(30)) };
            using var session = TrialSessions.Open(replica, null, cache);
            return Epochs(session);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))).WaitAsync(Bound);
        using var single = TrialSessions.Open(trial, null, cache);
        var reference = Epochs(single);

        var largest = (Difference: 0.0, Where: "none");
        foreach (var (rows, rank) in replicas.Select((r, i) => (r, i)))
        {
            rows.Select(r => r.Epoch).Should().Equal(reference.Select(r => r.Epoch), $"rank {rank}");
            foreach (var (row, one) in rows.Zip(reference))
            {
                row.Replicas.Select(r => r.Rank).Should().Equal(0, 1);
                row.TrainTokens.Should().Be(one.TrainTokens, $"rank {rank} epoch {one.Epoch}: the replicas together train every token");
                row.Metrics.Keys.Should().BeEquivalentTo(one.Metrics.Keys);
                var values = new[] { ("train_loss", row.TrainLoss!.Value, one.TrainLoss!.Value), ("valid_loss", row.ValidLoss!.Value, one.ValidLoss!.Value) }
                    .Concat(one.Metrics.Select(m => (m.Key, row.Metrics[m.Key], m.Value)));
                foreach (var (name, two, alone) in values)
                {
                    // Relative above 1 (perplexity), absolute below: float rounding of half batches and allreduces only.
                    var difference = Math.Abs(two - alone) / Math.Max(1, Math.Abs(alone));
                    if (difference > largest.Difference) largest = (difference, $"rank {rank} epoch {one.Epoch} {name}: {two} vs {alone}");
                    difference.Should().BeLessThan(1e-5, $"rank {rank} epoch {one.Epoch} {name}: 2 replicas {two}, 1 replica {alone}");
                }
            }
        }
        output.WriteLine($"{feature}: {reference.Count} epochs, largest 1-vs-2-replica difference {largest.Difference:g3} ({largest.Where})");
    }

    private TrialAssignment Trial(Feature feature) => feature switch
    {
        Feature.Plain => TestTrials.Assignment("lmmodel6", new Dictionary<string, double> { ["lr"] = 3e-3 }, epochs: 1),
        Feature.InitFrom => Awd("awd_lstm", WikiText, 2, UnfreezeKind.None, Pretrained(TrialArtifacts.LanguageModelFile)),
        Feature.GradualUnfreezing => Awd("awd_lstm", WikiText, 3, UnfreezeKind.Gradual, Pretrained(TrialArtifacts.LanguageModelFile)),
        Feature.Classifier => Awd("awd_lstm_clas", Csv, 2, UnfreezeKind.None, null),
        Feature.ClassifierUnfreezing => Awd("awd_lstm_clas", Csv, 4, UnfreezeKind.Gradual, Pretrained(TrialArtifacts.EncoderFile)),
        _ => throw new ArgumentOutOfRangeException(nameof(feature), $"expected a feature, got {feature}"),
    };

    private static TrialAssignment Awd(string model, DataSpec data, int epochs, UnfreezeKind unfreeze, string? initFrom) =>
        new("trial-0000", model, Tiny, data, null, 0, epochs, 4, 8, LrSchedule.OneCycle, 42, Deterministic: true, 1, unfreeze, initFrom);

    private DataSpec WikiText => new(DataKind.WikiText2, TinyCorpus.WriteWikiText(Path.Combine(folder, "wt")));

    private DataSpec Csv => new(DataKind.Csv, TinyCorpus.WriteCsv(Path.Combine(folder, "texts.csv")));

    // Stage 1 in one epoch, alone: a tiny awd_lstm's artifacts in folder/best; returns the one named.
    private string Pretrained(string file)
    {
        var best = Path.Combine(folder, TrialArtifacts.BestFolder);
        using (var stage = TrialSessions.Open(Awd("awd_lstm", WikiText, 1, UnfreezeKind.None, null) with { Seed = 7 }, null, cache))
        {
            while (stage.Step().Kind != StepKind.EpochEnd)
            {
            }
            TrialArtifacts.Export(stage.Checkpoint(), "awd_lstm", Tiny, best);
        }
        return Path.Combine(best, file);
    }

    private static List<EpochMetrics> Epochs(ITrialSession session)
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
