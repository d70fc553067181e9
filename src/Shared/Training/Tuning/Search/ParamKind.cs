namespace Troupe.Training.Tuning;

/// <summary>The type of a <see cref="ParamValue"/>: the scalar kinds a spec's <c>params</c> can hold.</summary>
public enum ParamKind
{
    Int,
    Float,
    Bool,
    String,
}
