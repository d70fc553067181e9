using System.Globalization;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;

namespace Troupe.Worker.Trials;

/// <summary>
/// A trial trained by a <see cref="Learner"/>: data from the node's <see cref="DatasetCache"/>, the registry model
/// built from the trial's seed (inside <see cref="TorchRng"/>'s gate), a <see cref="TextLearner"/> (ModelResetter resets
/// the hidden state at every pass; RNNRegularizer for AR/TAR), and a FitRun started fresh or resumed from a
/// checkpoint. Deterministic trials step with their own generator state.
/// </summary>
internal sealed class LearnerSession : ITrialSession
{
    private readonly LanguageModel model;
    private readonly Learner learner;
    private readonly FitRun run;
    private readonly TrialAssignment trial;
    private byte[] rng;

    private LearnerSession(TrialAssignment trial, LanguageModel model, Learner learner, FitRun run, byte[] rng)
    {
        this.trial = trial;
        this.model = model;
        this.learner = learner;
        this.run = run;
        this.rng = rng;
    }

    public int StartEpoch => run.StartEpoch;

    public StepResult? Last { get; private set; }

    public string Phase => run.IsFinished ? "finished" : Last?.Kind switch
    {
        StepKind.TrainBatch => "train",
        StepKind.ValidBatch => "valid",
        StepKind.EpochEnd => "epoch-end",
        _ => "starting",
    };

    /// <exception cref="ArgumentException">Unknown model or parameter, bad values, or a checkpoint of another vocab.</exception>
    /// <exception cref="IOException">The data cannot be read.</exception>
    public static LearnerSession Open(TrialAssignment trial, byte[]? checkpoint, DatasetCache cache)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var recipe = TrialRecipe.Resolve(trial.Model, trial.Params);
        var dls = cache.Get(trial.Data, recipe.Definition.Layout, trial.BatchSize, trial.SeqLen, trial.DataSeed, trial.DataBaseDirectory);
        var (model, rng) = TorchRng.Seeded(trial.Seed, () => ModelRegistry.Create(recipe.Model, dls.Vocab, recipe.ModelParams.Values));
        Learner? learner = null;
        try
        {
            learner = TextLearner.Create(dls, model, recipe.Alpha, recipe.Beta, new LearnerOptions { Threads = trial.Threads });
            FitRun run;
            if (checkpoint is null)
            {
                run = learner.BeginFit(recipe.Plan(trial.Epochs, trial.Schedule));
            }
            else
            {
                var restored = LearnerCheckpoint.FromBytes(checkpoint);
                var l = learner;
                // Resume puts the checkpoint's generator state in place; keep it as this trial's own.
                (run, rng) = TorchRng.Seeded(trial.Seed, () => l.Resume(restored));
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
        Last = trial.Deterministic ? TorchRng.With(ref rng, run.Step) : run.Step();
        return Last;
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
