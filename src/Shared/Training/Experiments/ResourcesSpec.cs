using Troupe.Training.Tuning;

namespace Troupe.Training.Experiments;

/// <summary>
/// The spec's <c>resources</c>: a trial runs as <see cref="Replicas"/> replica actors of <see cref="SlotsPerReplica"/>
/// slots each (<c>slots_per_trial: k</c> is one replica of k slots), on slots of <see cref="Device"/>'s kind
/// (<c>resources.device: cpu | cuda</c>, cpu by default).
/// </summary>
public sealed record ResourcesSpec(ReplicaRange Replicas, int SlotsPerReplica = 1, DeviceKind Device = DeviceKind.Cpu)
{
    public static ResourcesSpec Default { get; } = new(ReplicaRange.One);

    /// <summary>The gang request for <paramref name="trialId"/> with <paramref name="replicas"/> replicas (default: the most the range allows).</summary>
    public PlacementRequest Request(string trialId, int? replicas = null) => new(trialId, replicas ?? Replicas.Max, SlotsPerReplica, Device);

    /// <summary>The fewest slots a trial can ever run on.</summary>
    public int MinSlots => Replicas.Min * SlotsPerReplica;
}
