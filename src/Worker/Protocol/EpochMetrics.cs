using Troupe.Training.Learning;

namespace Troupe.Worker.Protocol;

/// <summary>
/// One epoch of one trial as reported to the coordinator: the 0-based epoch, the fastai row's values (train loss,
/// valid loss, metrics by name), its wall time, and the training throughput.
/// </summary>
public sealed record EpochMetrics(
    int Epoch,
    double? TrainLoss,
    double? ValidLoss,
    IReadOnlyDictionary<string, double> Metrics,
    double Seconds,
    long TrainTokens,
    double TokensPerSecond)
{
    public static EpochMetrics From(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new EpochMetrics(record.Epoch, record.TrainLoss, record.ValidLoss, record.Metrics.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal),
            record.Seconds, record.TrainTokens, record.TokensPerSecond);
    }

    /// <summary>A value by fastai's column name (train_loss, valid_loss, accuracy, perplexity), or null.</summary>
    public double? Value(string name) => name switch
    {
        "train_loss" => TrainLoss,
        "valid_loss" => ValidLoss,
        _ => Metrics.TryGetValue(name, out var v) ? v : null,
    };

    /// <summary>Every value present, by name (what a scheduler's <c>TrialResult</c> carries).</summary>
    public IReadOnlyDictionary<string, double> AllValues()
    {
        var all = new Dictionary<string, double>(Metrics, StringComparer.Ordinal);
        if (TrainLoss is { } t) all["train_loss"] = t;
        if (ValidLoss is { } v) all["valid_loss"] = v;
        return all;
    }

    /// <summary>Same losses and metrics bit for bit (times and throughput ignored).</summary>
    public bool SameResultsAs(EpochMetrics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Epoch == other.Epoch && Nullable.Equals(TrainLoss, other.TrainLoss) && Nullable.Equals(ValidLoss, other.ValidLoss)
            && TrainTokens == other.TrainTokens && Metrics.Count == other.Metrics.Count
            && Metrics.All(kv => other.Metrics.TryGetValue(kv.Key, out var o) && o.Equals(kv.Value));
    }
}
