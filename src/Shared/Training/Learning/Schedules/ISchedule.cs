namespace Troupe.Training.Learning;

/// <summary>
/// A hyperparameter as a function of training progress (fastai's <c>Scheduler</c>): <see cref="At"/> maps
/// a position in [0, 1] to a value. Implementations are immutable.
/// </summary>
public interface ISchedule
{
    /// <summary>The value at <paramref name="pos"/> (0 = start, 1 = end).</summary>
    double At(double pos);
}
