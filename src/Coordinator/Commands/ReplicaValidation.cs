using Troupe.Training.Experiments;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// Spec checks of data-parallel trials (<c>resources.replicas</c> above 1) against the batch size, the model (its
/// declared <see cref="Training.Models.ModelCapabilities.OneReplicaBecause"/>: a replica trains every other spec feature,
/// init_from and gradual unfreezing included, as 1 replica does) and the cluster the command will run on. Every replica count the coordinator may use must divide <c>train.batch_size</c>
/// (each replica takes bs/N rows); the smallest must fit the slots that are known:
/// <list type="bullet">
/// <item>without <c>--listen</c> the cluster is exactly <c>--local-workers K</c> of <c>--slots S</c>, so a replica of
/// <c>slots_per_replica P</c> fits K·⌊S/P⌋ times, and a spec needing more is refused;</item>
/// <item>with <c>--listen</c> workers can join at any time and advertise any slot count, so no upper bound is known
/// and nothing is refused here; a gang no current worker set can hold is logged <c>blocked</c> and waits for workers.</item>
/// </list>
/// </summary>
internal static class ReplicaValidation
{
    /// <param name="spec">The validated spec (the reader's checks passed).</param>
    /// <param name="fixedCluster">(local workers, slots each) when the cluster can never grow; null when workers may join.</param>
    /// <exception cref="ArgumentException">The first problem, naming the spec file, with expected versus actual.</exception>
    public static void Check(ExperimentSpec spec, (int Workers, int SlotsPerWorker)? fixedCluster)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // Local workers offer cpu slots unless libtorch sees a GPU here: a cuda trial could never be placed.
        if (fixedCluster is not null && spec.Resources.Device == DeviceKind.Cuda && !TorchSharp.torch.cuda.is_available())
            throw new ArgumentException($"{spec.Source}: resources.device: expected cpu on this machine (--local-workers offer cpu slots: "
                + "torch.cuda.is_available() is false, a CPU build of TorchSharp or no GPU), got cuda");
        var replicas = spec.Resources.Replicas;
        if (replicas.Max <= 1) return;
        var bs = spec.Train.BatchSize;
        var bad = replicas.EndsNotDividing(bs);
        var usable = replicas.UsableCounts(bs);
        if (bad.Count > 0 || usable.Count == 0)
            throw new ArgumentException($"{spec.Source}: resources.replicas: expected replica counts that divide train.batch_size ({bs}), "
                + $"got {replicas}{(bad.Count > 0 ? $" ({string.Join(" and ", bad)} do{(bad.Count == 1 ? "es" : "")} not divide it)" : "")}");
        if (SpecModels.CapabilitiesOf(spec.Model).OneReplicaBecause is { } why)
            throw new ArgumentException($"{spec.Source}: resources.replicas: expected 1 for the {spec.Model} model ({why}), got {replicas}");
        if (fixedCluster is not { } cluster) return;
        var perReplica = spec.Resources.SlotsPerReplica;
        var capacity = cluster.Workers * (cluster.SlotsPerWorker / perReplica);
        var smallest = usable.Min();
        if (smallest > capacity)
            throw new ArgumentException($"{spec.Source}: resources.replicas: expected at most {capacity} replica{(capacity == 1 ? "" : "s")} of "
                + $"{perReplica} slot{(perReplica == 1 ? "" : "s")} (--local-workers {cluster.Workers} with --slots {cluster.SlotsPerWorker} each), got {replicas}");
    }
}
