namespace Troupe.Training.Learning;

/// <summary>
/// One row of fastai's results table: the epoch, the smoothed training loss at its end, the validation loss
/// and metrics (null / empty when that phase was cancelled), the epoch's wall time, and the training
/// throughput (target tokens of the training batches per second of the training phase).
/// </summary>
public sealed record EpochRecord(
    int Epoch,
    double? TrainLoss,
    double? ValidLoss,
    IReadOnlyList<MetricValue> Metrics,
    double Seconds,
    long TrainTokens,
    double TokensPerSecond)
{
    /// <summary>The metric called <paramref name="name"/>, or null.</summary>
    public double? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name)?.Value;

    /// <summary>A column by fastai's name: train_loss, valid_loss or a metric.</summary>
    public double? Value(string name) => name switch
    {
        "train_loss" => TrainLoss,
        "valid_loss" => ValidLoss,
        _ => Metric(name),
    };

    /// <summary>Same losses and metrics (bit for bit), ignoring times and throughput.</summary>
    public bool SameResultsAs(EpochRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Epoch == other.Epoch && Nullable.Equals(TrainLoss, other.TrainLoss) && Nullable.Equals(ValidLoss, other.ValidLoss)
            && TrainTokens == other.TrainTokens && Metrics.SequenceEqual(other.Metrics);
    }
}
