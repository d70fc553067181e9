using TorchSharp;
using Troupe.Worker.Trials;

namespace Troupe.Worker.Agent;

/// <summary>
/// A worker agent's configuration: its id (unique in the cluster), the slots it advertises, how often it repeats its
/// registration until the coordinator acknowledges it, and how its model actors report.
/// </summary>
public sealed record WorkerSettings(string WorkerId, int Slots, TimeSpan RegisterInterval, ModelActorSettings ModelActors)
{
    /// <exception cref="ArgumentException">An empty id or fewer than one slot.</exception>
    public static WorkerSettings Create(string workerId, int? slots = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        var n = slots ?? DefaultSlots();
        if (n < 1) throw new ArgumentException($"worker: expected at least 1 slot, got {n}");
        return new WorkerSettings(workerId, n, TimeSpan.FromSeconds(1), ModelActorSettings.Default);
    }

    /// <summary>One slot per GPU when libtorch sees GPUs, else one per core.</summary>
    public static int DefaultSlots() => torch.cuda.is_available() ? Math.Max(1, torch.cuda.device_count()) : Environment.ProcessorCount;
}
