namespace Troupe.Training.Learning;

/// <summary>
/// The outcome of one <see cref="FitRun.Step"/>: what happened, the epoch and batch it happened at, the batch
/// loss for batch steps, and the epoch's row for <see cref="StepKind.EpochEnd"/>.
/// </summary>
public sealed record StepResult(StepKind Kind, int Epoch, int Iter, int BatchCount, double? Loss = null, EpochRecord? Record = null);
