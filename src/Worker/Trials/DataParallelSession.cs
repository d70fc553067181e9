using System.Globalization;
using TorchSharp;
using Troupe.Collectives;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;

namespace Troupe.Worker.Trials;

/// <summary>
/// One replica of a data-parallel attempt (<see cref="TrialAssignment.Group"/>): the node's loaders cut to this rank's
/// rows (<see cref="DataParallelRows.ForReplica(TextDataLoaders, int, int)"/>, so its hidden state follows its own
/// streams), the registry model built from the trial's seed (rank 0's weights are broadcast anyway), a Gloo group
/// joined at the rendezvous, and a <see cref="TextLearner"/> with a <see cref="DataParallelCallback"/> that averages
/// gradients and reduces the epoch's losses and metrics exactly. Every rank resumes from the same checkpoint.
/// Opening blocks until every rank joined (bounded by the group's timeout); a peer that dies makes the next
/// <see cref="Step"/> throw within it. Per-rank dropout masks come from the callback's per-epoch seeding of the
/// process-wide generator; a deterministic trial's steps run inside <see cref="TorchRng"/>'s gate with its own
/// generator state, like a single replica's, and give the gate up while they wait in a collective
/// (<see cref="ProcessGroup.AroundWait"/>), so its ranks on other threads of this process reach the collective too
/// and trials side by side in one process draw from their own streams.
/// </summary>
internal sealed class DataParallelSession : ITrialSession
{
    private readonly ProcessGroup group;
    private readonly LanguageModel model;
    private readonly Learner learner;
    private readonly DataParallelCallback dp;
    private readonly FitRun run;
    private readonly TrialAssignment trial;
    private byte[] rng;

    private DataParallelSession(TrialAssignment trial, ProcessGroup group, LanguageModel model, Learner learner, DataParallelCallback dp, FitRun run, byte[] rng)
    {
        this.trial = trial;
        this.rng = rng;
        this.group = group;
        this.model = model;
        this.learner = learner;
        this.dp = dp;
        this.run = run;
    }

    public int StartEpoch => run.StartEpoch;

    public DataParallelEpoch? GroupEpoch => dp.LastEpoch;

    /// <exception cref="ArgumentException">No group, unknown model or parameter, bad values, more replicas than rows, or a checkpoint of another vocab.</exception>
    /// <exception cref="IOException">The data cannot be read.</exception>
    /// <exception cref="CollectiveException">The rendezvous failed or timed out.</exception>
    public static DataParallelSession Open(TrialAssignment trial, byte[]? checkpoint, DatasetCache cache, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(trial);
        var g = trial.Group ?? throw new ArgumentException($"{trial.TrialId}: expected a replica group for a data-parallel session, got none");
        var recipe = TrialRecipe.Resolve(trial.Model, trial.Params);
        var full = cache.Get(trial.Data, recipe.Definition.Layout, trial.BatchSize, trial.SeqLen, trial.DataSeed, trial.DataBaseDirectory);
        var dls = full.ForReplica(g.Rank, g.WorldSize);
        var restored = checkpoint is null ? null : LearnerCheckpoint.FromBytes(checkpoint);
        var (model, rng) = TorchRng.Seeded(trial.Seed, () => TrialDevice.Move(ModelRegistry.Create(recipe.Model, dls.Vocab, recipe.ModelParams.Values), device));
        ProcessGroup? pg = null;
        Learner? learner = null;
        try
        {
            pg = new ProcessGroup(g.RendezvousHost, g.RendezvousPort, g.Rank, g.WorldSize, g.Timeout);
            if (trial.Deterministic) pg.AroundWait = TorchRng.Outside;
            var dp = new DataParallelCallback(pg, new DataParallelOptions { Seed = unchecked((long)trial.Seed) });
            learner = TextLearner.Create(dls, model, recipe.Alpha, recipe.Beta, new LearnerOptions { Threads = trial.Threads, Device = TrialDevice.Of(device) }, [dp]);
            var run = restored is null ? learner.BeginFit(recipe.Plan(trial.Epochs, trial.Schedule)) : learner.Resume(restored);
            return new DataParallelSession(trial, pg, model, learner, dp, run, rng);
        }
        catch
        {
            learner?.Dispose();
            pg?.Dispose();
            model.Dispose();
            throw;
        }
    }

    public StepResult Step() => trial.Deterministic ? TorchRng.With(ref rng, run.Step) : run.Step();

    /// <summary>Rank 0's checkpoint at the epoch boundary (every replica holds the same weights and optimizer state).</summary>
    public byte[] Checkpoint()
    {
        var g = trial.Group!;
        var tags = new Dictionary<string, string>
        {
            ["trial"] = trial.TrialId,
            ["model"] = trial.Model,
            ["params"] = string.Join(", ", trial.Params.Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}")),
            ["replicas"] = g.WorldSize.ToString(CultureInfo.InvariantCulture),
        };
        return run.Checkpoint().WithTags(tags).ToBytes();
    }

    public void Dispose()
    {
        run.Dispose();
        learner.Dispose();
        model.Dispose();
        group.Dispose();
    }
}
