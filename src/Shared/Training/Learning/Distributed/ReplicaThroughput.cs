namespace Troupe.Training.Learning;

/// <summary>
/// One replica's training phase in one epoch: the target tokens it trained on, the wall seconds of its training
/// pass, and the part of them spent in gradient allreduces (communication plus waiting for slower peers; the rest
/// is compute).
/// </summary>
public sealed record ReplicaThroughput(int Rank, long Tokens, double TrainSeconds, double CommSeconds)
{
    /// <summary>Tokens per wall second of the training pass (0 for an empty pass).</summary>
    public double TokensPerSecond => TrainSeconds > 0 ? Tokens / TrainSeconds : 0;

    /// <summary>The allreduce share of the training pass, in [0, 1] (0 for an empty pass).</summary>
    public double CommFraction => TrainSeconds > 0 ? Math.Clamp(CommSeconds / TrainSeconds, 0, 1) : 0;

    /// <summary>Wall seconds of the training pass outside the allreduces.</summary>
    public double ComputeSeconds => Math.Max(0, TrainSeconds - CommSeconds);
}
