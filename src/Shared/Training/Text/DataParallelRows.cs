namespace Troupe.Training.Text;

/// <summary>The data-parallel split of DESIGN.md: with N replicas, replica r takes rows [r·bs/N, (r+1)·bs/N) of every batch.</summary>
public static class DataParallelRows
{
    /// <summary>The rows of <paramref name="loader"/>'s batches that replica <paramref name="replica"/> of <paramref name="replicas"/> trains on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">replica is outside [0, replicas), or there are more replicas than rows.</exception>
    public static ITextDataLoader ForReplica(this ITextDataLoader loader, int replica, int replicas)
    {
        ArgumentNullException.ThrowIfNull(loader);
        if (replicas < 1 || replicas > loader.BatchSize)
            throw new ArgumentOutOfRangeException(nameof(replicas), $"ForReplica: expected 1..{loader.BatchSize} replicas (one row each at least), got {replicas}");
        if (replica < 0 || replica >= replicas)
            throw new ArgumentOutOfRangeException(nameof(replica), $"ForReplica: expected a replica in [0, {replicas}), got {replica}");
        var start = (int)((long)replica * loader.BatchSize / replicas);
        var end = (int)((long)(replica + 1) * loader.BatchSize / replicas);
        return loader.Rows(start, end - start);
    }

    /// <summary>
    /// Replica <paramref name="replica"/>'s view of both loaders: the same rows of every training and every
    /// validation batch, so training and validation are sharded alike (the vocab is shared).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">replica is outside [0, replicas), or a loader has fewer rows than replicas.</exception>
    public static TextDataLoaders ForReplica(this TextDataLoaders dls, int replica, int replicas)
    {
        ArgumentNullException.ThrowIfNull(dls);
        return dls with { Train = dls.Train.ForReplica(replica, replicas), Valid = dls.Valid.ForReplica(replica, replicas) };
    }
}
