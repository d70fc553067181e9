namespace Troupe.Training.Learning;

/// <summary>
/// What a fit was asked to do: fastai's <c>fit(n_epoch, lr, wd)</c> (constant learning rate) or
/// <c>fit_one_cycle(n_epoch, lr_max, div, div_final, pct_start, wd, moms)</c>. Checkpoints carry it, so a
/// resumed run continues the same schedule from the next epoch.
/// </summary>
public sealed record FitPlan
{
    private FitPlan(bool oneCycle, int epochs, double lr, double? wd, double div, double divFinal, double pctStart, IReadOnlyList<double> moms)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"fit: expected n_epoch >= 1, got {epochs}");
        if (!(lr > 0) || double.IsInfinity(lr)) throw new ArgumentOutOfRangeException(nameof(lr), $"fit: expected a learning rate > 0, got {lr}");
        if (wd is { } w && !(w >= 0)) throw new ArgumentOutOfRangeException(nameof(wd), $"fit: expected wd >= 0, got {w}");
        OneCycle = oneCycle;
        Epochs = epochs;
        Lr = lr;
        Wd = wd;
        Div = div;
        DivFinal = divFinal;
        PctStart = pctStart;
        Moms = moms.ToArray();
        if (oneCycle)
        {
            // Builds the schedules once so bad values fail here, before any training.
            _ = Learning.OneCycle.LearningRate(lr, div, divFinal, pctStart);
            _ = Learning.OneCycle.Momentum(Moms, pctStart);
        }
    }

    /// <summary>True for fit_one_cycle, false for fit.</summary>
    public bool OneCycle { get; }

    public int Epochs { get; }

    /// <summary>fit's lr, or fit_one_cycle's lr_max.</summary>
    public double Lr { get; }

    /// <summary>Weight decay for this fit, or null to keep the optimizer's (fastai's default 0.01 for Adam).</summary>
    public double? Wd { get; }

    public double Div { get; }

    public double DivFinal { get; }

    public double PctStart { get; }

    public IReadOnlyList<double> Moms { get; }

    public static FitPlan Fit(int epochs, double lr, double? wd = null)
        => new(false, epochs, lr, wd, Learning.OneCycle.DefaultDiv, Learning.OneCycle.DefaultDivFinal, Learning.OneCycle.DefaultPctStart, Learning.OneCycle.DefaultMoms);

    public static FitPlan FitOneCycle(int epochs, double lrMax, double? wd = null, double div = Learning.OneCycle.DefaultDiv,
        double divFinal = Learning.OneCycle.DefaultDivFinal, double pctStart = Learning.OneCycle.DefaultPctStart, IReadOnlyList<double>? moms = null)
        => new(true, epochs, lrMax, wd, div, divFinal, pctStart, moms ?? Learning.OneCycle.DefaultMoms);

    public bool Equals(FitPlan? other) => other is not null && OneCycle == other.OneCycle && Epochs == other.Epochs && Lr == other.Lr
        && Wd == other.Wd && Div == other.Div && DivFinal == other.DivFinal && PctStart == other.PctStart && Moms.SequenceEqual(other.Moms);

    public override int GetHashCode() => HashCode.Combine(OneCycle, Epochs, Lr, Wd, Div, DivFinal, PctStart);
}
