namespace Troupe.Training.Experiments;

/// <summary>
/// How a path a spec names (<c>data.path</c>, <c>init_from</c>) becomes a file: relative paths are relative to the
/// spec's folder (journaled with the run, so a resume elsewhere finds the same files), absolute ones stay as they are.
/// </summary>
public static class SpecPaths
{
    /// <summary><paramref name="path"/> as an absolute path: against <paramref name="specDirectory"/> when relative (the working directory when that is null).</summary>
    public static string Resolve(string path, string? specDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Path.GetFullPath(Path.IsPathRooted(path) || specDirectory is null ? path : Path.Combine(specDirectory, path));
    }
}
