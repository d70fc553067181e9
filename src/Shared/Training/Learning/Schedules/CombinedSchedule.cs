namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>combine_scheds(pcts, scheds)</c>: schedule k runs over the k-th fraction of training.
/// fastai keeps the cumulative fractions in a float32 tensor, so the position is compared and rescaled
/// in float32 before the phase's schedule sees it; this class does the same, which makes its values
/// match fastai's to the last bit (and not merely to the formula).
/// </summary>
public sealed class CombinedSchedule : ISchedule
{
    private readonly float[] bounds;
    private readonly ISchedule[] phases;

    /// <param name="fractions">Fraction of training per phase; non-negative, summing to 1.</param>
    /// <param name="phases">One schedule per fraction.</param>
    public CombinedSchedule(IReadOnlyList<double> fractions, IReadOnlyList<ISchedule> phases)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        ArgumentNullException.ThrowIfNull(phases);
        if (fractions.Count == 0 || fractions.Count != phases.Count)
            throw new ArgumentException($"CombinedSchedule: expected one fraction per schedule (at least one), got {fractions.Count} fractions and {phases.Count} schedules", nameof(fractions));
        if (fractions.Any(f => f < 0 || double.IsNaN(f)))
            throw new ArgumentException($"CombinedSchedule: expected fractions >= 0, got [{string.Join(", ", fractions)}]", nameof(fractions));
        // fastai asserts sum(pcts) == 1. on the Python floats.
        var sum = 0.0;
        foreach (var f in fractions) sum += f;
        if (sum != 1.0)
            throw new ArgumentException($"CombinedSchedule: expected fractions summing to 1, got [{string.Join(", ", fractions)}] (sum {sum})", nameof(fractions));
        bounds = new float[fractions.Count + 1];
        for (var i = 0; i < fractions.Count; i++) bounds[i + 1] = bounds[i] + (float)fractions[i];
        this.phases = phases.Select(p => p ?? throw new ArgumentException("CombinedSchedule: expected schedules, got null", nameof(phases))).ToArray();
    }

    public double At(double pos)
    {
        if (!(pos >= 0)) throw new ArgumentOutOfRangeException(nameof(pos), $"CombinedSchedule: expected a position >= 0, got {pos}");
        var p = (float)pos;
        // idx = min((pos >= pcts).nonzero().max(), len(pcts) - 2)
        var idx = 0;
        for (var i = 0; i < bounds.Length; i++)
            if (p >= bounds[i]) idx = i;
        idx = Math.Min(idx, bounds.Length - 2);
        var actual = (p - bounds[idx]) / (bounds[idx + 1] - bounds[idx]);
        return phases[idx].At(actual);
    }
}
