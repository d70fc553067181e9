namespace Troupe.Training.Learning;

/// <summary>What <see cref="Learner.LrFind"/> recorded (lr and smoothed loss per batch) and fastai's suggestions (null when too few points).</summary>
public sealed record LrFindResult(IReadOnlyList<double> Lrs, IReadOnlyList<double> Losses, double? Valley, double? Minimum, double? Steep);
