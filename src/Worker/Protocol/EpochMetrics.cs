using Troupe.Training.Learning;

namespace Troupe.Worker.Protocol;

/// <summary>
/// One epoch of one trial as reported to the coordinator: the 0-based epoch, the fastai row's values (train loss,
/// valid loss, metrics by name), its wall time, and the training throughput. For a data-parallel attempt (reported
/// by rank 0) the losses and metrics are already reduced exactly over the replicas, <see cref="TrainTokens"/> and
/// <see cref="TokensPerSecond"/> are the group's, and <see cref="Replicas"/> holds each replica's throughput by rank.
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
    /// <summary>Each replica's training throughput by rank (empty for a one-replica trial).</summary>
    public IReadOnlyList<ReplicaThroughput> Replicas { get; init; } = [];

    public static EpochMetrics From(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new EpochMetrics(record.Epoch, record.TrainLoss, record.ValidLoss, record.Metrics.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal),
            record.Seconds, record.TrainTokens, record.TokensPerSecond);
    }

    /// <summary>Rank 0's row of a data-parallel epoch: the reduced losses and metrics, the group's tokens and tokens/s, and every replica's throughput.</summary>
    public static EpochMetrics From(EpochRecord record, DataParallelEpoch group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return From(record) with
        {
            TrainTokens = group.Replicas.Sum(r => r.Tokens),
            TokensPerSecond = group.GroupTokensPerSecond,
            Replicas = group.Replicas,
        };
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
