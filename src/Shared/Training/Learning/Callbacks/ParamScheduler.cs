namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>ParamScheduler</c> (order 60, training batches only): before every training batch, sets each
/// scheduled optimizer hyperparameter (lr, mom, wd, sqr_mom, eps) to its schedule's value at
/// <see cref="Learner.PctTrain"/>; after it, records the values used.
/// </summary>
internal sealed class ParamScheduler : Callback
{
    private readonly Dictionary<string, List<double>> hps = [];

    public ParamScheduler(IReadOnlyDictionary<string, ISchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        if (schedules.Count == 0) throw new ArgumentException("ParamScheduler: expected at least one schedule, got none", nameof(schedules));
        Schedules = schedules.ToDictionary();
    }

    public IReadOnlyDictionary<string, ISchedule> Schedules { get; }

    public override int Order => 60;

    public override bool RunValid => false;

    /// <summary>The values every training batch of the current fit used, by hyperparameter.</summary>
    public IReadOnlyDictionary<string, List<double>> Hps => hps;

    public override void BeforeFit()
    {
        hps.Clear();
        foreach (var name in Schedules.Keys) hps[name] = [];
    }

    public override void BeforeBatch()
    {
        foreach (var (name, schedule) in Schedules) Learn.SetHyper(name, schedule.At(Learn.PctTrain));
    }

    public override void AfterBatch()
    {
        foreach (var name in Schedules.Keys) hps[name].Add(Learn.GetHyper(name));
    }
}
