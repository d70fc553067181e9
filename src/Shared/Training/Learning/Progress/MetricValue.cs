namespace Troupe.Training.Learning;

/// <summary>One named value of an epoch's row (accuracy 0.869385, perplexity 1.58).</summary>
public sealed record MetricValue(string Name, double Value);
