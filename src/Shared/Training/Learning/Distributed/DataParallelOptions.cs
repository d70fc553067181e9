namespace Troupe.Training.Learning;

/// <summary>
/// How a <see cref="DataParallelCallback"/> runs its replica. Every replica of a group must use the same options
/// (checked when the fit starts).
/// </summary>
public sealed record DataParallelOptions
{
    /// <summary>PyTorch DDP's default bucket cap (<c>bucket_cap_mb=25</c>).</summary>
    public const long DefaultBucketBytes = 25L * 1024 * 1024;

    /// <summary>
    /// The trial's seed. Before every epoch <c>e</c> replica <c>r</c> of <c>N</c> seeds torch's generator with
    /// <c>Seed + e·N + r</c>: dropout masks differ between replicas (as different rows of one batch get different
    /// masks in a single replica) yet are reproducible, and a fit resumed at an epoch boundary draws the same masks.
    /// </summary>
    public long Seed { get; init; }

    /// <summary>
    /// Largest gradient bucket in bytes (one Gloo allreduce each); gradients are bucketed in reverse parameter
    /// order, and a parameter larger than the cap travels alone.
    /// </summary>
    public long BucketBytes { get; init; } = DefaultBucketBytes;
}
