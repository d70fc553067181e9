using System.Runtime.InteropServices;

namespace TorchSharp;

/// <summary>NUL-terminated UTF-8 copies of strings in unmanaged memory, freed on dispose.</summary>
internal sealed class Utf8StringArray : IDisposable
{
    public Utf8StringArray(IReadOnlyList<string> strings)
    {
        Pointers = new IntPtr[strings.Count];
        try
        {
            for (var i = 0; i < strings.Count; i++) Pointers[i] = Marshal.StringToCoTaskMemUTF8(strings[i]);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>One <c>const char*</c> per string, in order.</summary>
    public IntPtr[] Pointers { get; }

    public void Dispose()
    {
        for (var i = 0; i < Pointers.Length; i++)
        {
            Marshal.FreeCoTaskMem(Pointers[i]);
            Pointers[i] = IntPtr.Zero;
        }
    }
}
