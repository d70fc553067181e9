namespace Troupe.Training.Tuning;

/// <summary>
/// One trial to run: its id (<c>trial-0007</c>), its index in generation order, its hyperparameters, and a training
/// seed derived from the search seed and the index (the same trial gets the same seed after a resume or a retry).
/// </summary>
public sealed record TrialConfig(string TrialId, int Index, ParamSet Params, ulong Seed)
{
    /// <summary>The id of the trial at <paramref name="index"/>: <c>trial-0000</c>, <c>trial-0001</c>, ...</summary>
    public static string IdFor(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return $"trial-{index:D4}";
    }

    public override string ToString() => $"{TrialId} ({Params})";
}
