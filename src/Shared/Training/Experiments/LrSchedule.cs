namespace Troupe.Training.Experiments;

/// <summary>The spec's <c>train.schedule</c>: fastai's <c>fit_one_cycle</c> or a constant learning rate (<c>fit</c>).</summary>
public enum LrSchedule
{
    OneCycle,
    Constant,
}
