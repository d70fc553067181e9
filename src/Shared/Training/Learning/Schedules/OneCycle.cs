namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>fit_one_cycle</c> schedules (<c>combined_cos</c>): the learning rate warms up along a half
/// cosine from <c>lr_max/div</c> to <c>lr_max</c> over the first <c>pct_start</c> of training, then anneals
/// along a half cosine to <c>lr_max/div_final</c>; momentum (Adam's beta1) does the opposite,
/// 0.95 → 0.85 → 0.95.
/// </summary>
public static class OneCycle
{
    public const double DefaultDiv = 25.0;
    public const double DefaultDivFinal = 1e5;
    public const double DefaultPctStart = 0.25;

    /// <summary>fastai's <c>Learner.moms</c> default.</summary>
    public static IReadOnlyList<double> DefaultMoms { get; } = [0.95, 0.85, 0.95];

    /// <summary><c>combined_cos(pct, start, middle, end)</c>.</summary>
    public static CombinedSchedule CombinedCos(double pct, double start, double middle, double end)
        => new([pct, 1 - pct], [new CosineSchedule(start, middle), new CosineSchedule(middle, end)]);

    /// <summary>The learning-rate schedule of <c>fit_one_cycle(n, lr_max, div, div_final, pct_start)</c>.</summary>
    public static CombinedSchedule LearningRate(double lrMax, double div = DefaultDiv, double divFinal = DefaultDivFinal, double pctStart = DefaultPctStart)
    {
        if (!(lrMax > 0)) throw new ArgumentOutOfRangeException(nameof(lrMax), $"one cycle: expected lr_max > 0, got {lrMax}");
        if (!(div > 0)) throw new ArgumentOutOfRangeException(nameof(div), $"one cycle: expected div > 0, got {div}");
        if (!(divFinal > 0)) throw new ArgumentOutOfRangeException(nameof(divFinal), $"one cycle: expected div_final > 0, got {divFinal}");
        if (!(pctStart >= 0 && pctStart <= 1)) throw new ArgumentOutOfRangeException(nameof(pctStart), $"one cycle: expected pct_start in [0, 1], got {pctStart}");
        return CombinedCos(pctStart, lrMax / div, lrMax, lrMax / divFinal);
    }

    /// <summary>The momentum schedule: <c>combined_cos(pct_start, *moms)</c>.</summary>
    public static CombinedSchedule Momentum(IReadOnlyList<double>? moms = null, double pctStart = DefaultPctStart)
    {
        var m = moms ?? DefaultMoms;
        if (m.Count != 3) throw new ArgumentException($"one cycle: expected 3 momentums (start, middle, end), got {m.Count}", nameof(moms));
        return CombinedCos(pctStart, m[0], m[1], m[2]);
    }
}
