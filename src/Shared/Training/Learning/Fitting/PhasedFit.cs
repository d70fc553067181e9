using System.Globalization;

namespace Troupe.Training.Learning;

/// <summary>
/// Several fits in a row on one Learner (ULMFiT's gradual unfreezing: freeze, fit, freeze_to(-2), fit, ..., unfreeze,
/// fit), advanced one step at a time like a <see cref="FitRun"/>. Epochs are numbered across the phases (phase k's
/// epoch e is <c>e + epochs of the phases before k</c>), so a model actor sees one fit of <see cref="TotalEpochs"/>
/// epochs. A finished phase's end is not surfaced: the next phase starts in the same step. Checkpoints are the
/// current phase's, tagged with its index (<see cref="PhaseTag"/>); one without the tag resumes phase 0.
/// </summary>
public sealed class PhasedFit : IDisposable
{
    /// <summary>The checkpoint tag holding the 0-based phase a checkpoint was taken in.</summary>
    public const string PhaseTag = "fit.phase";

    private readonly Learner learn;
    private readonly IReadOnlyList<FitPhase> phases;
    private readonly int[] offsets;
    private FitRun run;
    private int phase;

    private PhasedFit(Learner learn, IReadOnlyList<FitPhase> phases, int phase, FitRun run)
    {
        this.learn = learn;
        this.phases = phases;
        this.phase = phase;
        this.run = run;
        offsets = new int[phases.Count];
        for (var i = 1; i < phases.Count; i++) offsets[i] = offsets[i - 1] + phases[i - 1].Plan.Epochs;
        TotalEpochs = offsets[^1] + phases[^1].Plan.Epochs;
        StartEpoch = offsets[phase] + run.StartEpoch;
    }

    /// <summary>Epochs of every phase together.</summary>
    public int TotalEpochs { get; }

    /// <summary>The first epoch (across phases) this fit trains: 0, or where the checkpoint resumes.</summary>
    public int StartEpoch { get; }

    /// <summary>The 0-based phase running now.</summary>
    public int Phase => phase;

    /// <summary>True after the last phase, or after a phase that was stopped early (a stop ends the whole fit).</summary>
    public bool IsFinished => run.IsFinished && (phase == phases.Count - 1 || run.Cancelled);

    /// <summary>Starts phase 0.</summary>
    /// <exception cref="ArgumentException">no phases.</exception>
    public static PhasedFit Begin(Learner learn, IReadOnlyList<FitPhase> phases)
    {
        Check(learn, phases);
        return new PhasedFit(learn, phases, 0, StartPhase(learn, phases[0]));
    }

    /// <summary>
    /// Restores <paramref name="checkpoint"/> (weights, optimizer with its frozen groups, RNG) and continues its phase
    /// from the epoch it was taken at; driven to the end, it ends as the uninterrupted fit would.
    /// </summary>
    /// <exception cref="ArgumentException">the checkpoint names a phase this fit does not have, or does not match the learner.</exception>
    public static PhasedFit Resume(Learner learn, IReadOnlyList<FitPhase> phases, LearnerCheckpoint checkpoint)
    {
        Check(learn, phases);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var phase = 0;
        if (checkpoint.Tags.TryGetValue(PhaseTag, out var tag) && (!int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out phase) || phase >= phases.Count))
            throw new ArgumentException($"phased fit: expected a checkpoint of phase 0..{phases.Count - 1}, got {PhaseTag} '{tag}'");
        if (checkpoint.Plan.Epochs != phases[phase].Plan.Epochs)
            throw new ArgumentException($"phased fit: expected phase {phase}'s checkpoint to plan {phases[phase].Plan.Epochs} epochs, got {checkpoint.Plan.Epochs}");
        return new PhasedFit(learn, phases, phase, learn.Resume(checkpoint));
    }

    /// <summary>Advances by one batch or one epoch end (epochs numbered across phases), or ends the last phase.</summary>
    public StepResult Step()
    {
        var result = run.Step();
        while (result.Kind == StepKind.Finished && phase < phases.Count - 1 && !run.Cancelled)
        {
            run.Dispose();
            phase++;
            run = StartPhase(learn, phases[phase]);
            result = run.Step();
        }
        var offset = offsets[phase];
        return offset == 0 ? result : result with { Epoch = result.Epoch + offset, Record = result.Record is { } r ? r with { Epoch = r.Epoch + offset } : null };
    }

    /// <summary>The state at this epoch boundary, tagged with the phase.</summary>
    public LearnerCheckpoint Checkpoint() =>
        run.Checkpoint().WithTags(new Dictionary<string, string> { [PhaseTag] = phase.ToString(CultureInfo.InvariantCulture) });

    /// <summary>Ends an unfinished phase without after_fit (see <see cref="FitRun.Dispose"/>).</summary>
    public void Dispose() => run.Dispose();

    private static FitRun StartPhase(Learner learn, FitPhase p)
    {
        if (p.FreezeTo is { } n) learn.FreezeTo(n);
        return learn.BeginFit(p.Plan);
    }

    private static void Check(Learner learn, IReadOnlyList<FitPhase> phases)
    {
        ArgumentNullException.ThrowIfNull(learn);
        ArgumentNullException.ThrowIfNull(phases);
        if (phases.Count == 0) throw new ArgumentException("phased fit: expected at least one phase, got none", nameof(phases));
    }
}
