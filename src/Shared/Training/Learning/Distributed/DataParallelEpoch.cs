namespace Troupe.Training.Learning;

/// <summary>
/// What a data-parallel group did in one epoch, the same on every replica: each replica's throughput (index =
/// rank), the gradient allreduces each replica issued and the gradient bytes of one step. The epoch's losses and
/// metrics are in the Learner's <see cref="EpochRecord"/>, already reduced over the replicas.
/// </summary>
public sealed record DataParallelEpoch(int Epoch, int WorldSize, IReadOnlyList<ReplicaThroughput> Replicas, long AllReduces, long GradientBytesPerStep)
{
    /// <summary>Tokens of all replicas per wall second of the slowest replica's training pass.</summary>
    public double GroupTokensPerSecond
    {
        get
        {
            var slowest = Replicas.Count == 0 ? 0 : Replicas.Max(r => r.TrainSeconds);
            return slowest > 0 ? Replicas.Sum(r => r.Tokens) / slowest : 0;
        }
    }
}
