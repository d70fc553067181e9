namespace Troupe.Training.Experiments;

/// <summary>An experiment spec is invalid: every <see cref="SpecError"/> found, one per line of the message.</summary>
public sealed class SpecException : Exception
{
    public SpecException(IReadOnlyList<SpecError> errors)
        : base(Format(errors)) => Errors = errors;

    /// <summary>Errors found while reading <paramref name="inner"/>'s input (a YAML syntax error, an unreadable file).</summary>
    public SpecException(IReadOnlyList<SpecError> errors, Exception inner)
        : base(Format(errors), inner) => Errors = errors;

    public IReadOnlyList<SpecError> Errors { get; }

    private static string Format(IReadOnlyList<SpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0) throw new ArgumentException("SpecException: expected at least one error, got none", nameof(errors));
        var head = errors.Count == 1 ? "invalid experiment spec:" : $"invalid experiment spec ({errors.Count} errors):";
        return head + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
