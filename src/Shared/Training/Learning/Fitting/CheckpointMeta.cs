using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Learning;

/// <summary>The JSON half of a <see cref="LearnerCheckpoint"/> (everything but the tensors).</summary>
internal sealed record CheckpointMeta
{
    public int Epoch { get; init; }

    public required PlanMeta Plan { get; init; }

    public OptimizerMeta? Optimizer { get; init; }

    public required string Rng { get; init; }

    public float SmoothRaw { get; init; }

    public long SmoothCount { get; init; }

    public required List<RecordMeta> History { get; init; }

    public required Dictionary<string, Dictionary<string, double>> Callbacks { get; init; }

    public required List<string> Vocab { get; init; }

    public required Dictionary<string, string> Tags { get; init; }
}

internal sealed record PlanMeta(bool OneCycle, int Epochs, double Lr, double? Wd, double Div, double DivFinal, double PctStart, double[] Moms, double? LrLow)
{
    public static PlanMeta From(FitPlan p) => new(p.OneCycle, p.Epochs, p.Lr, p.Wd, p.Div, p.DivFinal, p.PctStart, p.Moms.ToArray(), p.LrLow);

    public FitPlan ToPlan()
    {
        var plan = OneCycle ? FitPlan.FitOneCycle(Epochs, Lr, Wd, Div, DivFinal, PctStart, Moms) : FitPlan.Fit(Epochs, Lr, Wd);
        return LrLow is { } low ? plan.WithLrRange(low) : plan;
    }
}

internal sealed record OptimizerMeta(string Kind, double Lr, double Mom, double Wd, Dictionary<string, double> Extra, long[] Steps, int FrozenGroups = 0, double[]? LrScales = null)
{
    public static OptimizerMeta From(FastaiOptimizer o)
        => new(o.Kind, o.Lr, o.Mom, o.Wd, o.ExtraHypers.ToDictionary(), o.StepCounts(), o.FrozenGroups, o.LrScales.ToArray());

    public void ApplyTo(FastaiOptimizer o, IReadOnlyDictionary<string, Tensor> state)
    {
        if (o.Kind != Kind) throw new ArgumentException($"checkpoint: expected a {o.Kind} optimizer state, got {Kind}");
        o.LoadState(state, Steps);
        o.Lr = Lr;
        o.Mom = Mom;
        o.Wd = Wd;
        foreach (var (name, value) in Extra) o.SetExtraHyper(name, value);
        if (LrScales is { } scales && scales.Length == o.GroupCount) o.SetLrScales(scales);
    }
}

internal sealed record RecordMeta(int Epoch, double? TrainLoss, double? ValidLoss, Dictionary<string, double> Metrics, double Seconds, long TrainTokens, double TokensPerSecond)
{
    public static RecordMeta From(EpochRecord r)
        => new(r.Epoch, r.TrainLoss, r.ValidLoss, r.Metrics.ToDictionary(m => m.Name, m => m.Value), r.Seconds, r.TrainTokens, r.TokensPerSecond);

    public EpochRecord ToRecord()
        => new(Epoch, TrainLoss, ValidLoss, Metrics.Select(kv => new MetricValue(kv.Key, kv.Value)).ToArray(), Seconds, TrainTokens, TokensPerSecond);
}
