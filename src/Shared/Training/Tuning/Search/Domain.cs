namespace Troupe.Training.Tuning;

/// <summary>
/// Where one hyperparameter's values come from: a fixed value or a search domain (Ray Tune's <c>tune.*</c> set).
/// <see cref="ToString"/> writes the spec syntax that <see cref="DomainParser"/> reads back.
/// </summary>
public abstract record Domain
{
    /// <summary>One value drawn from the domain with <paramref name="random"/>.</summary>
    public abstract ParamValue Sample(Random random);

    /// <summary>
    /// The values a search of <paramref name="kind"/> enumerates instead of sampling, or null when it samples:
    /// <see cref="GridSearch"/> is always enumerated (as Ray's <c>grid_search</c>), <see cref="Choice"/> only by a grid search.
    /// </summary>
    public virtual IReadOnlyList<ParamValue>? GridValues(SearchKind kind) => null;
}
