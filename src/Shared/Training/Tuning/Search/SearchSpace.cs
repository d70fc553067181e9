namespace Troupe.Training.Tuning;

/// <summary>
/// The spec's <c>params</c>: parameter names to domains, in the spec's order (which fixes the order of sampling and
/// of grid enumeration, so the same space and seed always give the same trials).
/// </summary>
public sealed class SearchSpace
{
    private readonly KeyValuePair<string, Domain>[] parameters;

    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    public SearchSpace(IEnumerable<KeyValuePair<string, Domain>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = [.. parameters];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, domain) in this.parameters)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("SearchSpace: expected non-empty parameter names, got an empty one", nameof(parameters));
            if (!seen.Add(name)) throw new ArgumentException($"SearchSpace: expected distinct parameter names, got '{name}' twice", nameof(parameters));
            ArgumentNullException.ThrowIfNull(domain, name);
        }
    }

    public static SearchSpace Empty { get; } = new([]);

    public IReadOnlyList<KeyValuePair<string, Domain>> Parameters => parameters;

    public int Count => parameters.Length;

    /// <summary>The number of grid points a search of <paramref name="kind"/> enumerates (1 when nothing is enumerated).</summary>
    public long GridSize(SearchKind kind) =>
        parameters.Aggregate(1L, (n, p) => checked(n * (p.Value.GridValues(kind)?.Count ?? 1)));

    public override string ToString() => string.Join(", ", parameters.Select(p => $"{p.Key}: {p.Value}"));
}
