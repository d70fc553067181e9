using System.Globalization;

namespace Troupe.Training.Experiments;

/// <summary>
/// The spec's <c>resources.replicas</c>: a fixed count (<c>2</c>) or an elastic range (<c>"2..4"</c>) a trial may run
/// with after a failure. Only counts that divide the batch size are used (each replica takes bs/N rows).
/// </summary>
public sealed record ReplicaRange
{
    /// <exception cref="ArgumentOutOfRangeException">min &lt; 1 or max &lt; min.</exception>
    public ReplicaRange(int min, int max)
    {
        if (min < 1) throw new ArgumentOutOfRangeException(nameof(min), $"ReplicaRange: expected at least 1 replica, got {min}");
        if (max < min) throw new ArgumentOutOfRangeException(nameof(max), $"ReplicaRange: expected min ≤ max, got {min}..{max}");
        Min = min;
        Max = max;
    }

    public static ReplicaRange One { get; } = new(1, 1);

    public int Min { get; }

    public int Max { get; }

    public bool IsElastic => Max > Min;

    /// <summary>The replica counts to try, largest first: those in range that divide <paramref name="batchSize"/>.</summary>
    public IReadOnlyList<int> UsableCounts(int batchSize) =>
        [.. Enumerable.Range(Min, Max - Min + 1).Reverse().Where(n => Divides(n, batchSize))];

    /// <summary>The ends of the range (<see cref="Min"/>, <see cref="Max"/>) that do not divide <paramref name="batchSize"/>: what a spec must not name.</summary>
    public IReadOnlyList<int> EndsNotDividing(int batchSize) => [.. new[] { Min, Max }.Distinct().Where(n => !Divides(n, batchSize))];

    /// <summary>
    /// Whether <paramref name="replicas"/> replicas can share a batch of <paramref name="batchSize"/> rows: each takes
    /// the same number of rows, so the gradients they average weigh every row alike.
    /// </summary>
    public static bool Divides(int replicas, int batchSize) => replicas > 0 && batchSize % replicas == 0;

    /// <summary>Reads <c>N</c> or <c>A..B</c>; null when the text is neither.</summary>
    public static ReplicaRange? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split("..");
        if (parts.Length > 2) return null;
        if (!int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var min)) return null;
        var max = min;
        if (parts.Length == 2 && !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out max)) return null;
        return min >= 1 && max >= min ? new ReplicaRange(min, max) : null;
    }

    public override string ToString() => IsElastic ? $"{Min}..{Max}" : Min.ToString(CultureInfo.InvariantCulture);
}
