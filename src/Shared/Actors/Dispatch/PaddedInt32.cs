using System.Runtime.InteropServices;

namespace Troupe.Actors;

/// <summary>An int alone on its cache line (64 bytes each side): keeps a contended counter off its neighbours' lines.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedInt32
{
    [FieldOffset(64)] public int Value;
}
