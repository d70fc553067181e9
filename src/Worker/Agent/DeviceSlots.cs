using Troupe.Training.Tuning;

namespace Troupe.Worker.Agent;

/// <summary>
/// Which device each running attempt of a worker computes on. CPU slots are interchangeable (every attempt gets
/// <c>cpu</c>); CUDA slots are the GPUs <c>cuda:0</c> ... <c>cuda:N-1</c>, and an attempt takes the lowest index no
/// running attempt holds. Pure state; the worker agent frees an attempt's device when its model actor stops.
/// </summary>
internal sealed class DeviceSlots
{
    private readonly Dictionary<string, int> held = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">Fewer than one slot.</exception>
    public DeviceSlots(DeviceKind kind, int slots)
    {
        if (slots < 1) throw new ArgumentOutOfRangeException(nameof(slots), $"DeviceSlots: expected at least 1 slot, got {slots}");
        Kind = kind;
        Slots = slots;
    }

    public DeviceKind Kind { get; }

    public int Slots { get; }

    /// <summary>The device <paramref name="attempt"/> runs on (<c>cpu</c> or <c>cuda:N</c>), or null when every GPU is held.</summary>
    public string? Take(string attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(attempt);
        if (Kind == DeviceKind.Cpu) return "cpu";
        if (held.TryGetValue(attempt, out var mine)) return $"cuda:{mine}";
        var free = Enumerable.Range(0, Slots).Cast<int?>().FirstOrDefault(i => !held.ContainsValue(i!.Value));
        if (free is not { } index) return null;
        held[attempt] = index;
        return $"cuda:{index}";
    }

    /// <summary>Frees what <paramref name="attempt"/> held (nothing for CPU slots or an unknown attempt).</summary>
    public void Free(string attempt) => held.Remove(attempt);
}
