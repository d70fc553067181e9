using System.Globalization;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;
using Troupe.Training.Transfer;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;

namespace Troupe.Worker.Trials;

/// <summary>
/// A trial trained by a <see cref="Learner"/>: data from the node's <see cref="DatasetCache"/>, the registry model
/// built from the trial's seed (inside <see cref="TorchRng"/>'s gate), a <see cref="TextLearner"/> (ModelResetter resets
/// the hidden state at every pass; RNNRegularizer for AR/TAR), and its fit (one phase, or gradual unfreezing's)
/// started fresh or resumed from a checkpoint. A fresh attempt with <c>init_from</c> loads the pretrained artifact
/// first (vocab matched, new rows the mean embedding); a resumed one takes everything from its checkpoint and never
/// reads the artifact's weights. A classifier's data uses its encoder's vocab (the artifact's, or the checkpoint's).
/// Deterministic trials step with their own generator state.
/// </summary>
internal sealed class LearnerSession : ITrialSession
{
    private readonly LanguageModel model;
    private readonly Learner learner;
    private readonly PhasedFit run;
    private readonly TrialAssignment trial;
    private byte[] rng;

    private LearnerSession(TrialAssignment trial, LanguageModel model, Learner learner, PhasedFit run, byte[] rng)
    {
        this.trial = trial;
        this.model = model;
        this.learner = learner;
        this.run = run;
        this.rng = rng;
    }

    public int StartEpoch => run.StartEpoch;

    /// <summary>The trial's model (its weights are the fit's; for inspection between steps).</summary>
    public LanguageModel Model => model;

    /// <exception cref="ArgumentException">Unknown model or parameter, bad values, a checkpoint of another vocab, or an init_from artifact that does not fit.</exception>
    /// <exception cref="IOException">The data cannot be read.</exception>
    public static LearnerSession Open(TrialAssignment trial, byte[]? checkpoint, DatasetCache cache, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(trial);
        var recipe = TrialRecipe.Resolve(trial.Model, trial.Params);
        var phases = recipe.Phases(trial.Epochs, trial.Schedule, trial.Unfreeze);
        var restored = checkpoint is null ? null : LearnerCheckpoint.FromBytes(checkpoint);
        var init = restored is null && trial.InitFrom is { } path ? TrialArtifacts.CheckInitFrom(path, recipe.Model, trial.Params) : null;
        var layout = recipe.Definition.Layout;
        var vocab = recipe.Definition.Capabilities.Kind == ModelKind.Classifier && (restored?.Vocab ?? init?.Vocab) is { } itos ? Vocab.FromItos(itos) : null;
        var dls = cache.Get(trial.Data, layout, trial.BatchSize, trial.SeqLen, trial.DataSeed, trial.DataBaseDirectory, vocab);
        var (model, rng) = TorchRng.Seeded(trial.Seed, () => TrialDevice.Move(ModelRegistry.Create(recipe.Model, dls, recipe.ModelParams.Values), device));
        Learner? learner = null;
        try
        {
            learner = TextLearner.Create(dls, model, recipe.Alpha, recipe.Beta, new LearnerOptions { Threads = trial.Threads, Device = TrialDevice.Of(device) });
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
            return new LearnerSession(trial, model, learner, run, rng);
        }
        catch
        {
            learner?.Dispose();
            model.Dispose();
            throw;
        }
    }

    public StepResult Step()
    {
        return trial.Deterministic ? TorchRng.With(ref rng, run.Step) : run.Step();
    }

    public byte[] Checkpoint()
    {
        var tags = new Dictionary<string, string>
        {
            ["trial"] = trial.TrialId,
            ["model"] = trial.Model,
            ["params"] = string.Join(", ", trial.Params.Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}")),
        };
        var checkpoint = trial.Deterministic ? TorchRng.With(ref rng, run.Checkpoint) : run.Checkpoint();
        return checkpoint.WithTags(tags).ToBytes();
    }

    public void Dispose()
    {
        run.Dispose();
        learner.Dispose();
        model.Dispose();
    }
}
