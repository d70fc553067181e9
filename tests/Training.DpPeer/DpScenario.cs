using TorchSharp;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.DpPeer;

/// <summary>
/// Trains one replica of a <see cref="DpRun"/> the way a replica actor does (row view of the loaders, a
/// <see cref="DataParallelCallback"/> on the group, step-wise driving), or the single-replica reference without
/// a group. Used by the peer processes and, with one thread per rank, by in-process specs.
/// </summary>
public static class DpScenario
{
    private static readonly Lazy<TextDataLoaders> HumanNumbersDls = new(() => HumanNumbers.Load().LoadersFor(DataLayout.Sequence));

    // Model weights come from the process-wide generator: ranks on threads of one process seed and draw one at a time.
    private static readonly Lock SeedLock = new();

    /// <param name="group">This replica's group, or null for the single-replica reference (plain Learner).</param>
    /// <param name="log">Receives one line per finished epoch (and "rank R paused" for <see cref="DpRun.PauseAt"/>).</param>
    /// <exception cref="Troupe.Collectives.CollectiveException">a peer failed or the group's timeout expired.</exception>
    public static DpResult Train(DpRun run, Troupe.Collectives.ProcessGroup? group, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rank = group?.Rank ?? 0;
        var world = group?.WorldSize ?? 1;
        var full = HumanNumbersDls.Value;
        if (run.Batches is { } n) full = new TextDataLoaders(new FirstBatches(full.Train, n), new FirstBatches(full.Valid, n), full.Vocab);
        var dls = group is null ? full : full.ForReplica(rank, world);
        var recipe = TrialRecipe.Resolve(run.Model, run.Params);
        LanguageModel created;
        lock (SeedLock)
        {
            torch.manual_seed(run.WeightSeed ?? run.Seed);
            created = ModelRegistry.Create(recipe.Model, dls.Vocab, recipe.ModelParams.Values);
        }
        using var model = created;
        var dp = group is null ? null : new DataParallelCallback(group, new DataParallelOptions { Seed = run.Seed });
        var cbs = new List<Callback>();
        if (dp is not null) cbs.Add(dp);
        if (run.PauseAt is { } at) cbs.Add(new Pause(at.Epoch, at.Batch, () => log?.Invoke($"rank {rank} paused")));
        using var learn = TextLearner.Create(dls, model, recipe.Alpha, recipe.Beta, cbs: cbs);
        var epochs = new List<DpEpoch>();
        byte[]? checkpoint = null;
        using (var fit = run.ResumeFrom is { } bytes ? learn.Resume(LearnerCheckpoint.FromBytes(bytes)) : learn.BeginFit(recipe.Plan(run.Epochs)))
        {
            while (!fit.IsFinished)
            {
                var step = fit.Step();
                if (step.Kind != StepKind.EpochEnd || step.Record is not { } r) continue;
                var replicas = dp?.LastEpoch?.Replicas.Select(x => x.TokensPerSecond).ToArray() ?? [r.TokensPerSecond];
                var row = new DpEpoch(r.Epoch, r.TrainLoss ?? double.NaN, r.ValidLoss ?? double.NaN, r.Metric("accuracy") ?? double.NaN, r.TokensPerSecond, replicas);
                epochs.Add(row);
                log?.Invoke($"rank {rank} epoch {r.Epoch} train_loss {row.TrainLoss:F6} valid_loss {row.ValidLoss:F6} accuracy {row.Accuracy:F4} tokens/s {string.Join(" ", replicas.Select(t => t.ToString("F0")))}");
                if (r.Epoch + 1 == run.StopAfterEpochs)
                {
                    checkpoint = fit.Checkpoint().ToBytes();
                    break;
                }
            }
        }
        using var scope = torch.NewDisposeScope();
        var weights = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().data<float>().ToArray());
        return new DpResult(rank, world, epochs, weights, checkpoint);
    }

    // Stops answering (as a hung or dying replica would) before one training batch.
    private sealed class Pause(int epoch, int batch, Action paused) : Callback
    {
        public override bool RunValid => false;

        public override void BeforeBatch()
        {
            if (Learn.Epoch != epoch || Learn.Iter != batch) return;
            paused();
            Thread.Sleep(TimeSpan.FromMinutes(2));
        }
    }
}
