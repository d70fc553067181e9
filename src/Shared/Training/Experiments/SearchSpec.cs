using Troupe.Training.Tuning;

namespace Troupe.Training.Experiments;

/// <summary>The spec's <c>search</c>: how <c>params</c> become trials (see <see cref="VariantGenerator"/>).</summary>
public sealed record SearchSpec(SearchKind Kind = SearchKind.Grid, int Samples = 1, ulong Seed = 0);
