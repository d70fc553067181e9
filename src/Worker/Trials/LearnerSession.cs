using System.Globalization;
using Troupe.Collectives;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;
using Troupe.Training.Transfer;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;

namespace Troupe.Worker.Trials;

/// <summary>
/// A trial trained by a <see cref="Learner"/>, alone or as one replica of a data-parallel attempt
/// (<see cref="TrialAssignment.Group"/>); both take one code path. Data from the node's <see cref="DatasetCache"/>, the
/// registry model built from the trial's seed (inside <see cref="TorchRng"/>'s gate), a <see cref="TextLearner"/>
/// (ModelResetter resets the hidden state at every pass; RNNRegularizer for AR/TAR), and its fit (one phase, or gradual
/// unfreezing's) started fresh or resumed from a checkpoint. A fresh attempt with <c>init_from</c> loads the pretrained
/// artifact first (vocab matched, new rows the mean embedding); a resumed one takes everything from its checkpoint and
/// never reads the artifact's weights. A classifier's data uses its encoder's vocab (the artifact's, or the checkpoint's).
/// Deterministic trials step with their own generator state.
/// <para>
/// A replica differs in two places only: its loaders are cut to its rows
/// (<see cref="DataParallelRows.ForReplica(TextDataLoaders, int, int)"/>, so its hidden state follows its own streams), and
/// its Learner has a <see cref="DataParallelCallback"/> over a Gloo group joined at the rendezvous, which broadcasts rank
/// 0's weights at the start of every phase (every rank loaded the same artifact or checkpoint anyway), averages the
/// gradients of the parameters that train in the phase and reduces the epoch's losses and metrics exactly. Opening
/// blocks until every rank joined (bounded by the group's timeout); a peer that dies makes the next <see cref="Step"/>
/// throw within it. Per-rank dropout masks come from the callback's per-epoch seeding of the generator; a deterministic
/// replica gives <see cref="TorchRng"/>'s gate up while it waits in a collective (<see cref="ProcessGroup.AroundWait"/>),
/// so its ranks on other threads of this process reach the collective too.
/// </para>
/// </summary>
internal sealed class LearnerSession : ITrialSession
{
    private readonly LanguageModel model;
    private readonly Learner learner;
    private readonly PhasedFit run;
    private readonly TrialAssignment trial;
    private readonly ProcessGroup? group;
    private readonly DataParallelCallback? dp;
    private byte[] rng;

    private LearnerSession(TrialAssignment trial, LanguageModel model, Learner learner, PhasedFit run, byte[] rng, ProcessGroup? group, DataParallelCallback? dp)
    {
        this.trial = trial;
        this.model = model;
        this.learner = learner;
        this.run = run;
        this.rng = rng;
        this.group = group;
        this.dp = dp;
    }

    public int StartEpoch => run.StartEpoch;

    /// <summary>The trial's model (its weights are the fit's; for inspection between steps).</summary>
    public LanguageModel Model => model;

    public DataParallelEpoch? GroupEpoch => dp?.LastEpoch;

    /// <exception cref="ArgumentException">Unknown model or parameter, bad values, a checkpoint of another vocab, an init_from artifact that does not fit, or more replicas than rows.</exception>
    /// <exception cref="IOException">The data cannot be read.</exception>
    /// <exception cref="CollectiveException">A replica's rendezvous failed or timed out.</exception>
    public static LearnerSession Open(TrialAssignment trial, byte[]? checkpoint, DatasetCache cache, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(trial);
        var recipe = TrialRecipe.Resolve(trial.Model, trial.Params);
        var phases = recipe.Phases(trial.Epochs, trial.Schedule, trial.Unfreeze);
        var restored = checkpoint is null ? null : LearnerCheckpoint.FromBytes(checkpoint);
        var init = restored is null && trial.InitFrom is { } path ? TrialArtifacts.CheckInitFrom(path, recipe.Model, trial.Params) : null;
        var classifier = recipe.Definition.Capabilities.Kind == ModelKind.Classifier;
        var vocab = classifier && (restored?.Vocab ?? init?.Vocab) is { } itos ? Vocab.FromItos(itos) : null;
        var dls = cache.Get(trial.Data, recipe.Definition.Layout, trial.BatchSize, trial.SeqLen, trial.DataSeed, trial.DataBaseDirectory, vocab);
        if (trial.Group is { } g) dls = dls.ForReplica(g.Rank, g.WorldSize);
        var (model, rng) = TorchRng.Seeded(trial.Seed, () => TrialDevice.Move(ModelRegistry.Create(recipe.Model, dls, recipe.ModelParams.Values), device));
        ProcessGroup? pg = null;
        Learner? learner = null;
        try
        {
            var dp = trial.Group is null ? null : new DataParallelCallback(pg = Join(trial), new DataParallelOptions { Seed = unchecked((long)trial.Seed) });
            learner = TextLearner.Create(dls, model, recipe.Alpha, recipe.Beta, new LearnerOptions { Threads = trial.Threads, Device = TrialDevice.Of(device) },
                dp is null ? null : [dp]);
            PhasedFit run;
            if (restored is null)
            {
                init?.LoadInto(model, dls.Vocab);
                run = PhasedFit.Begin(learner, phases);
            }
            else
            {
                var l = learner;
                // Resume puts the checkpoint's generator state in place; keep it as this trial's own.
                (run, rng) = TorchRng.Seeded(trial.Seed, () => PhasedFit.Resume(l, phases, restored));
            }
            return new LearnerSession(trial, model, learner, run, rng, pg, dp);
        }
        catch
        {
            learner?.Dispose();
            pg?.Dispose();
            model.Dispose();
            throw;
        }
    }

    private static ProcessGroup Join(TrialAssignment trial)
    {
        var g = trial.Group!;
        var pg = new ProcessGroup(g.RendezvousHost, g.RendezvousPort, g.Rank, g.WorldSize, g.Timeout);
        if (trial.Deterministic) pg.AroundWait = TorchRng.Outside;
        return pg;
    }

    public StepResult Step() => trial.Deterministic ? TorchRng.With(ref rng, run.Step) : run.Step();

    /// <summary>The state at the epoch boundary; a replica's is rank 0's (every replica holds the same weights and optimizer state), tagged with the group's size.</summary>
    public byte[] Checkpoint()
    {
        var tags = new Dictionary<string, string>
        {
            ["trial"] = trial.TrialId,
            ["model"] = trial.Model,
            ["params"] = string.Join(", ", trial.Params.Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}")),
        };
        if (trial.Group is { } g) tags["replicas"] = g.WorldSize.ToString(CultureInfo.InvariantCulture);
        var checkpoint = trial.Deterministic ? TorchRng.With(ref rng, run.Checkpoint) : run.Checkpoint();
        return checkpoint.WithTags(tags).ToBytes();
    }

    public void Dispose()
    {
        run.Dispose();
        learner.Dispose();
        model.Dispose();
        group?.Dispose();
    }
}
