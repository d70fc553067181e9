namespace Troupe.Coordinator.Tests.Support;

/// <summary>A fresh folder under the system temp directory, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "troupe-coordinator-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A checkpoint as the coordinator has received it, with <paramref name="bytes"/>: a whole file in checkpoints/incoming/.</summary>
    public string Received(byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, "checkpoints", "incoming", $"{Guid.NewGuid():N}.ckpt");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
