namespace Troupe.Training.Native;

/// <summary>
/// Process-wide settings of the native libtorch that TorchSharp loads, applied once before the first model runs:
/// oneDNN off (<see cref="OneDnn"/>) and glibc's heap kept for tensor buffers (<see cref="NativeHeap"/>).
/// </summary>
internal static class TorchProcess
{
    /// <summary>Applies the settings once per process; later calls return at once.</summary>
    /// <returns>Which settings took effect (a setting the platform lacks is reported false, not thrown).</returns>
    public static (bool OneDnnDisabled, bool HeapKept) EnsureConfigured() => (OneDnn.EnsureDisabled(), NativeHeap.EnsureKept());
}
