namespace Troupe.Training.Learning;

/// <summary>
/// How the next token is chosen: greedy (argmax) when <see cref="Temperature"/> is 0, else sampled from
/// <c>softmax(logits / temperature)</c>, restricted to the <see cref="TopK"/> most likely tokens when set, with
/// a generator seeded by <see cref="Seed"/> (so a seed gives the same text every time, without touching
/// torch's global RNG). <see cref="NoUnk"/> never picks <c>xxunk</c> (fastai's <c>no_unk</c>).
/// </summary>
public sealed record SamplingOptions(double Temperature = 1.0, int? TopK = null, int Seed = 0, bool NoUnk = true)
{
    public static SamplingOptions Greedy { get; } = new(Temperature: 0);

    internal void Validate()
    {
        if (!(Temperature >= 0) || double.IsInfinity(Temperature))
            throw new ArgumentOutOfRangeException(nameof(Temperature), $"sampling: expected temperature >= 0 (0 = greedy), got {Temperature}");
        if (TopK is < 1) throw new ArgumentOutOfRangeException(nameof(TopK), $"sampling: expected top_k >= 1 or none, got {TopK}");
    }
}
