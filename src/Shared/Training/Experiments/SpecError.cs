namespace Troupe.Training.Experiments;

/// <summary>One problem in an experiment spec, at a 1-based line and column of <see cref="File"/>.</summary>
public sealed record SpecError(string File, int Line, int Column, string Message)
{
    /// <summary><c>experiments/x.yaml:4:7: train.epochs: expected an integer ≥ 1, got 'ten'</c> (the compiler convention editors link).</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
