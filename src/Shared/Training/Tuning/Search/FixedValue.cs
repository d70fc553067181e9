namespace Troupe.Training.Tuning;

/// <summary>A parameter that is not searched: every trial gets <see cref="Value"/>.</summary>
internal sealed record FixedValue(ParamValue Value) : Domain
{
    public override ParamValue Sample(Random random) => Value;

    public override IReadOnlyList<ParamValue>? GridValues(SearchKind kind) => [Value];

    public override string ToString() => DomainParser.Literal(Value);
}
