using TorchSharp;
using Troupe.Training.Tuning;
using Troupe.Worker.Trials;

namespace Troupe.Worker.Agent;

/// <summary>
/// A worker agent's configuration: its id (unique in the cluster), the slots it advertises and their device kind, how
/// often it repeats its registration until the coordinator acknowledges it, and how its model actors report.
/// </summary>
public sealed record WorkerSettings(string WorkerId, int Slots, TimeSpan RegisterInterval, ModelActorSettings ModelActors, DeviceKind Device = DeviceKind.Cpu)
{
    /// <param name="workerId">Unique in the cluster.</param>
    /// <param name="slots">Slots to offer; default one per GPU for cuda, one per core for cpu.</param>
    /// <param name="device">The device kind of the slots; default cpu when <paramref name="slots"/> is given, else cuda when libtorch sees a GPU, else cpu.</param>
    /// <exception cref="ArgumentException">An empty id, fewer than one slot, cuda where libtorch sees no GPU, or more cuda slots than GPUs.</exception>
    public static WorkerSettings Create(string workerId, int? slots = null, DeviceKind? device = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        // A slot count alone means cpu slots: asking libtorch about GPUs loads it (seconds on a busy machine) before the
        // worker can register, so only a worker told nothing about its slots looks for GPUs.
        var kind = device ?? (slots is null ? DefaultDevice() : DeviceKind.Cpu);
        var gpus = kind == DeviceKind.Cuda ? CudaDevices() : 0;
        if (kind == DeviceKind.Cuda && gpus == 0)
            throw new ArgumentException("worker: expected a GPU for cuda slots, got none (torch.cuda.is_available() is false in this build or on this machine); offer cpu slots instead");
        var n = slots ?? (kind == DeviceKind.Cuda ? gpus : Environment.ProcessorCount);
        if (n < 1) throw new ArgumentException($"worker: expected at least 1 slot, got {n}");
        if (kind == DeviceKind.Cuda && n > gpus) throw new ArgumentException($"worker: expected at most {gpus} cuda slots (one per GPU), got {n}");
        return new WorkerSettings(workerId, n, TimeSpan.FromSeconds(1), ModelActorSettings.Default, kind);
    }

    /// <summary>cuda when libtorch sees a GPU, else cpu.</summary>
    public static DeviceKind DefaultDevice() => CudaDevices() > 0 ? DeviceKind.Cuda : DeviceKind.Cpu;

    private static int CudaDevices() => torch.cuda.is_available() ? torch.cuda.device_count() : 0;
}
