namespace Troupe.Training.Tuning;

/// <summary>
/// Turns a <see cref="SearchSpace"/> into trials, the way Ray Tune's BasicVariantGenerator does: the enumerated
/// domains (<see cref="Domain.GridValues"/>) form a cartesian product with the FIRST parameter varying fastest; every
/// other domain is sampled once per trial; the whole grid is repeated <c>samples</c> times. Trial i draws from
/// <see cref="SearchRandom.ForTrial"/>(seed, i), so the same space, kind, samples and seed give the same trials.
/// </summary>
internal static class VariantGenerator
{
    private const ulong TrainingSeedSalt = 0x5EED;

    /// <summary>Every trial, in order: index = repetition · gridSize + gridPoint.</summary>
    /// <exception cref="ArgumentOutOfRangeException">samples &lt; 1, or more than <see cref="int.MaxValue"/> trials.</exception>
    public static IReadOnlyList<TrialConfig> Generate(SearchSpace space, SearchKind kind, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var grids = space.Parameters.Select(p => p.Value.GridValues(kind)).ToArray();
        var gridSize = space.GridSize(kind);
        var total = checked(gridSize * samples);
        if (total > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(samples), $"VariantGenerator: expected at most {int.MaxValue} trials, got {total}");

        var trials = new List<TrialConfig>((int)total);
        for (var index = 0; index < (int)total; index++)
        {
            var point = index % gridSize;
            var random = SearchRandom.ForTrial(seed, index);
            var values = new KeyValuePair<string, ParamValue>[space.Count];
            for (var p = 0; p < space.Count; p++)
            {
                var (name, domain) = space.Parameters[p];
                if (grids[p] is { } grid)
                {
                    values[p] = new(name, grid[(int)(point % grid.Count)]);
                    point /= grid.Count;
                }
                else
                {
                    values[p] = new(name, domain.Sample(random));
                }
            }
            trials.Add(new TrialConfig(TrialConfig.IdFor(index), index, new ParamSet(values), SearchRandom.Derive(seed, index, TrainingSeedSalt)));
        }
        return trials;
    }
}
