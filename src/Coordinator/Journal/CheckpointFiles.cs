using Troupe.Node.Transfer;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Journal;

/// <summary>
/// Where checkpoints live in a run directory: <c>checkpoints/TRIAL/epoch-NNNN.ckpt</c>, NNNN the epoch a resumed
/// attempt starts at. A checkpoint arrives from its worker as a <c>.received</c> file in that directory (whole and
/// checked, see <c>BlobTransfer</c>) and is renamed into place, the directory fsynced, before the journal row that
/// indexes it commits; the journal's index says which are current.
/// </summary>
internal static class CheckpointFiles
{
    public static string RelativePath(string trialId, int epoch) => Path.Combine("checkpoints", trialId, $"epoch-{epoch:D4}.ckpt");

    /// <summary>
    /// Where <paramref name="fence"/>'s checkpoint after <paramref name="epoch"/> is received before the journal adopts
    /// it: beside the trial's checkpoints (same directory, so adopting is a rename), named <c>.received</c> so that
    /// neither pruning nor resuming ever takes it for a checkpoint.
    /// </summary>
    public static string IncomingPath(string runDirectory, FencingToken fence, int epoch) =>
        Path.Combine(runDirectory, "checkpoints", fence.TrialId, $"a{fence.Attempt}-epoch-{epoch:D4}{ReceivedExtension}");

    private const string ReceivedExtension = ".received";

    /// <summary>Moves the received file <paramref name="received"/> to <paramref name="relative"/>, durably.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="received"/>.</exception>
    public static void Adopt(string runDirectory, string relative, string received)
    {
        if (!File.Exists(received)) throw new FileNotFoundException($"journal: expected the received checkpoint '{received}', got no such file", received);
        var path = Path.Combine(runDirectory, relative);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        File.Move(received, path, overwrite: true);
        DirectorySync.Flush(folder);
        var from = Path.GetDirectoryName(Path.GetFullPath(received))!;
        if (from != Path.GetFullPath(folder)) DirectorySync.Flush(from);
    }

    /// <summary>Deletes what a coordinator that stopped mid-transfer left beside the checkpoints (never indexed).</summary>
    public static void ClearIncoming(string runDirectory)
    {
        var folder = Path.Combine(runDirectory, "checkpoints");
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*" + ReceivedExtension + "*", SearchOption.AllDirectories)) File.Delete(file);
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
