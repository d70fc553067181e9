namespace Troupe.Training.Learning;

/// <summary>
/// A callback whose state must survive a checkpoint/resume for the resumed fit to behave like an uninterrupted
/// one (the best value a tracker has seen, how long early stopping has waited). <see cref="StateKey"/> names it
/// within a checkpoint; the state is restored right after the resumed fit's before_fit.
/// </summary>
internal interface ICheckpointedCallback
{
    string StateKey { get; }

    IReadOnlyDictionary<string, double> SaveState();

    void RestoreState(IReadOnlyDictionary<string, double> state);
}
