namespace Troupe.Training.Tuning;

/// <summary>
/// One of <see cref="Categories"/>: drawn uniformly by a random search (Ray's <c>tune.choice</c>), enumerated by a grid search.
/// </summary>
internal sealed record Choice : Domain
{
    /// <exception cref="ArgumentException">No categories.</exception>
    public Choice(IEnumerable<ParamValue> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        Categories = [.. categories];
        if (Categories.Count == 0) throw new ArgumentException("choice: expected at least one value, got none", nameof(categories));
    }

    public IReadOnlyList<ParamValue> Categories { get; }

    public override ParamValue Sample(Random random) => Categories[random.Next(Categories.Count)];

    public override IReadOnlyList<ParamValue>? GridValues(SearchKind kind) => kind == SearchKind.Grid ? Categories : null;

    public bool Equals(Choice? other) => other is not null && Categories.SequenceEqual(other.Categories);

    public override int GetHashCode() => Categories.Aggregate(17, HashCode.Combine);

    public override string ToString() => $"choice({string.Join(", ", Categories.Select(DomainParser.Literal))})";
}
