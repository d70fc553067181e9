using System.Runtime.InteropServices;

namespace Troupe.Node.Transfer;

/// <summary>
/// fsync of a directory, so that a rename into it survives a crash of the machine (POSIX makes a file's name durable
/// only with its directory). .NET has no API for it: a <see cref="FileStream"/> cannot open a directory.
/// </summary>
public static partial class DirectorySync
{
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000; // Linux

    /// <summary>Flushes <paramref name="directory"/>'s entries to disk; a no-op off Linux.</summary>
    /// <exception cref="IOException">open or fsync failed (errno in the message).</exception>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Open(directory, ORdOnly | ODirectory);
        if (fd < 0) throw new IOException($"expected to open directory '{directory}' for fsync, got errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"expected fsync of directory '{directory}' to succeed, got errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
