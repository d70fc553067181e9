namespace Troupe.Training.Tuning;

/// <summary>
/// Every one of <see cref="Values"/>, in order (Ray's <c>tune.grid_search</c>): always enumerated, by random searches too,
/// where each sample is repeated for every grid point.
/// </summary>
internal sealed record GridSearch : Domain
{
    /// <exception cref="ArgumentException">No values.</exception>
    public GridSearch(IEnumerable<ParamValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = [.. values];
        if (Values.Count == 0) throw new ArgumentException("grid: expected at least one value, got none", nameof(values));
    }

    public IReadOnlyList<ParamValue> Values { get; }

    /// <summary>Not a draw: a grid value is chosen by enumeration; sampling picks uniformly only for callers outside a search.</summary>
    public override ParamValue Sample(Random random) => Values[random.Next(Values.Count)];

    public override IReadOnlyList<ParamValue>? GridValues(SearchKind kind) => Values;

    public bool Equals(GridSearch? other) => other is not null && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => Values.Aggregate(19, HashCode.Combine);

    public override string ToString() => $"grid({string.Join(", ", Values.Select(DomainParser.Literal))})";
}
