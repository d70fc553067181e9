namespace Troupe.Training.Tuning;

/// <summary>
/// What a slot computes on. A worker offers slots of one kind: <c>cpu</c> (one per core by default) or <c>cuda</c>
/// (one per GPU, <c>cuda:0</c> ... <c>cuda:N-1</c>); a trial asks for one kind (<c>resources.device</c>) and is placed
/// only on slots of that kind.
/// </summary>
public enum DeviceKind
{
    Cpu,
    Cuda,
}

/// <summary>The spellings of <see cref="DeviceKind"/> in specs, flags and on the wire: <c>cpu</c>, <c>cuda</c>.</summary>
public static class DeviceKinds
{
    public static string Name(this DeviceKind kind) => kind == DeviceKind.Cuda ? "cuda" : "cpu";

    /// <exception cref="ArgumentException">Neither <c>cpu</c> nor <c>cuda</c>.</exception>
    public static DeviceKind Parse(string? text, string what = "device") => text switch
    {
        "cpu" => DeviceKind.Cpu,
        "cuda" => DeviceKind.Cuda,
        _ => throw new ArgumentException($"{what}: expected cpu or cuda, got '{text}'"),
    };
}
