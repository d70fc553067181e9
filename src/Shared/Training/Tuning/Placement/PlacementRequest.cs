namespace Troupe.Training.Tuning;

/// <summary>
/// What a trial needs to start: <see cref="Replicas"/> replica actors of <see cref="SlotsPerReplica"/> slots each, all
/// placed at once or not at all (a gang), all on slots of <see cref="Device"/>'s kind. A plain trial is one replica.
/// </summary>
public sealed record PlacementRequest
{
    /// <exception cref="ArgumentException">Empty trial id, or a count below 1.</exception>
    public PlacementRequest(string trialId, int replicas = 1, int slotsPerReplica = 1, DeviceKind device = DeviceKind.Cpu)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialId);
        if (replicas < 1) throw new ArgumentOutOfRangeException(nameof(replicas), $"PlacementRequest: expected replicas ≥ 1, got {replicas}");
        if (slotsPerReplica < 1) throw new ArgumentOutOfRangeException(nameof(slotsPerReplica), $"PlacementRequest: expected slots_per_replica ≥ 1, got {slotsPerReplica}");
        TrialId = trialId;
        Replicas = replicas;
        SlotsPerReplica = slotsPerReplica;
        Device = device;
    }

    public DeviceKind Device { get; }

    public string TrialId { get; }

    public int Replicas { get; }

    public int SlotsPerReplica { get; }

    public int TotalSlots => Replicas * SlotsPerReplica;
}
