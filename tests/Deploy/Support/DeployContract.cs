using System.Text.RegularExpressions;

namespace Troupe.Deploy.Tests.Support;

/// <summary>
/// The configuration contract both executables read (flags win): which TROUPE_* variable each role needs.
/// On top of it, <see cref="ReadBySources"/> scans src/**/*.cs for "TROUPE_..." string literals, so a variable an app
/// starts reading fails the compose test until the deployment sets it.
/// </summary>
public static partial class DeployContract
{
    public const string Coordinator = "coordinator";
    public const string Worker = "worker";

    public static readonly IReadOnlyDictionary<string, string[]> ByRole = new Dictionary<string, string[]>
    {
        [Coordinator] = ["TROUPE_LISTEN", "TROUPE_HOSTNAME", "TROUPE_PORT", "TROUPE_SECRET", "TROUPE_MIN_WORKERS",
                         "TROUPE_RUN_DIR", "TROUPE_SPEC", "TROUPE_LOG_FORMAT"],
        [Worker] = ["TROUPE_SEED", "TROUPE_LISTEN", "TROUPE_HOSTNAME", "TROUPE_PORT", "TROUPE_SECRET", "TROUPE_SLOTS",
                    "TROUPE_LOG_FORMAT"],
    };

    /// <summary>Every contract variable, whichever role reads it.</summary>
    public static IEnumerable<string> All => ByRole.Values.SelectMany(v => v).Distinct();

    /// <summary>
    /// TROUPE_* literals in src/**/*.cs, with the roles that read them: src/Coordinator* the coordinator, src/Worker*
    /// the worker, anything else (src/Shared) both.
    /// </summary>
    public static IReadOnlyDictionary<string, HashSet<string>> ReadBySources(string root)
    {
        var found = new Dictionary<string, HashSet<string>>();
        var src = Path.Combine(root, "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.Contains("/bin/") || relative.Contains("/obj/")) continue;
            var roles = relative.StartsWith("Coordinator", StringComparison.Ordinal) ? [Coordinator]
                : relative.StartsWith("Worker", StringComparison.Ordinal) ? new[] { Worker }
                : new[] { Coordinator, Worker };
            foreach (Match m in Literal().Matches(File.ReadAllText(file)))
            {
                if (!found.TryGetValue(m.Groups[1].Value, out var set)) found[m.Groups[1].Value] = set = [];
                set.UnionWith(roles);
            }
        }
        return found;
    }

    [GeneratedRegex("\"(TROUPE_[A-Z0-9_]+)\"")]
    private static partial Regex Literal();
}
