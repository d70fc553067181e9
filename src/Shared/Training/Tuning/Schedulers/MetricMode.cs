namespace Troupe.Training.Tuning;

/// <summary>Whether lower (<c>valid_loss</c>) or higher (<c>accuracy</c>) values of the scheduling metric are better.</summary>
public enum MetricMode
{
    Min,
    Max,
}
