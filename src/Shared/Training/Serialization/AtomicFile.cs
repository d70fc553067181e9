namespace Troupe.Training.Serialization;

/// <summary>
/// Write-temp-then-rename, the one way Troupe replaces a file: the bytes go to <c>PATH.tmp</c> in the same folder
/// (created when missing), are flushed to the disk, and the temp file is renamed over <c>PATH</c>. A reader sees the
/// old file or the new one, never half of one, also after a crash.
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of a file being written (a leftover of a crash mid-write; never a result).</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Writes what <paramref name="write"/> puts in the stream to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + TempSuffix;
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(file);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, s => s.Write(bytes));
    }

    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
    }
}
