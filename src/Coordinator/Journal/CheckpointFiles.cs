namespace Troupe.Coordinator.Journal;

/// <summary>
/// Where checkpoints live in a run directory: <c>checkpoints/TRIAL/epoch-NNNN.ckpt</c>, NNNN the epoch a resumed
/// attempt starts at. Files are written atomically (temp, then rename); the journal's index says which are current.
/// </summary>
internal static class CheckpointFiles
{
    public static string RelativePath(string trialId, int epoch) => Path.Combine("checkpoints", trialId, $"epoch-{epoch:D4}.ckpt");

    public static void Write(string runDirectory, string relative, byte[] bytes)
    {
        var path = Path.Combine(runDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    public static byte[] Read(string runDirectory, string relative)
    {
        var path = Path.Combine(runDirectory, relative);
        if (!File.Exists(path)) throw new FileNotFoundException($"journal: expected the checkpoint '{relative}' in '{runDirectory}', got no such file", path);
        return File.ReadAllBytes(path);
    }

    /// <summary>Deletes the trial's checkpoint files other than <paramref name="keep"/> (latest and best).</summary>
    public static void Prune(string runDirectory, string trialId, IEnumerable<string> keep)
    {
        var folder = Path.Combine(runDirectory, "checkpoints", trialId);
        if (!Directory.Exists(folder)) return;
        var kept = new HashSet<string>(keep.Select(k => Path.GetFullPath(Path.Combine(runDirectory, k))), StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.ckpt"))
            if (!kept.Contains(Path.GetFullPath(file))) File.Delete(file);
    }
}
