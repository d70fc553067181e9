namespace Troupe.Training.Tuning;

/// <summary>A placed trial: one <see cref="ReplicaSlot"/> per replica, by rank (rank 0 hosts the rendezvous and checkpoints).</summary>
public sealed record TrialPlacement(string TrialId, IReadOnlyList<ReplicaSlot> Replicas)
{
    /// <summary>The distinct workers the trial runs on, rank 0's first.</summary>
    public IReadOnlyList<string> Workers => [.. Replicas.Select(r => r.WorkerId).Distinct(StringComparer.Ordinal)];

    public bool Uses(string workerId) => Replicas.Any(r => r.WorkerId == workerId);

    public override string ToString() => $"{TrialId} -> {string.Join(", ", Replicas.Select(r => $"r{r.Rank}@{r.WorkerId}"))}";
}
