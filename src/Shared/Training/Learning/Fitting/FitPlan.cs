namespace Troupe.Training.Learning;

/// <summary>
/// What a fit was asked to do: fastai's <c>fit(n_epoch, lr, wd)</c> (constant learning rate) or
/// <c>fit_one_cycle(n_epoch, lr_max, div, div_final, pct_start, wd, moms)</c>. Checkpoints carry it, so a
/// resumed run continues the same schedule from the next epoch.
/// </summary>
public sealed record FitPlan
{
    private FitPlan(bool oneCycle, int epochs, double lr, double? wd, double div, double divFinal, double pctStart, IReadOnlyList<double> moms, double? lrLow = null)
    {
        if (lrLow is { } low && !(low > 0 && low <= lr))
            throw new ArgumentOutOfRangeException(nameof(lrLow), $"fit: expected slice(lo, hi) with 0 < lo <= hi, got lo {low} and hi {lr}");
        LrLow = lrLow;
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

    /// <summary>
    /// fastai's <c>slice(lo, hi)</c>: the first layer group's learning rate (the last gets <see cref="Lr"/>, those
    /// between are spaced geometrically: <c>even_mults</c>); null gives every group <see cref="Lr"/>.
    /// </summary>
    public double? LrLow { get; }

    /// <summary>Every group's learning rate as a multiple of <see cref="Lr"/>: fastai's <c>even_mults(lo, hi, n) / hi</c>.</summary>
    public double[] LrScales(int groups)
    {
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), $"fit: expected at least one layer group, got {groups}");
        if (LrLow is not { } low || groups == 1) return Enumerable.Repeat(1.0, groups).ToArray();
        var step = Math.Pow(Lr / low, 1.0 / (groups - 1));
        return Enumerable.Range(0, groups).Select(i => i == groups - 1 ? 1.0 : low * Math.Pow(step, i) / Lr).ToArray();
    }

    /// <summary>The same fit with discriminative learning rates <c>slice(lrLow, Lr)</c>.</summary>
    public FitPlan WithLrRange(double lrLow) => new(OneCycle, Epochs, Lr, Wd, Div, DivFinal, PctStart, Moms, lrLow);

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
        && Wd == other.Wd && LrLow == other.LrLow && Div == other.Div && DivFinal == other.DivFinal && PctStart == other.PctStart && Moms.SequenceEqual(other.Moms);

    public override int GetHashCode() => HashCode.Combine(OneCycle, Epochs, Lr, Wd, Div, DivFinal, PctStart);
}
