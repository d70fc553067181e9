namespace Troupe.Training.Tests.Support;

/// <summary>Finds <c>../shared</c> beside the checkout (or <c>TROUPE_SHARED</c>).</summary>
public static class SharedFiles
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TROUPE_SHARED");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Troupe.slnx")))
            {
                var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
                if (Directory.Exists(shared)) return shared;
                throw new DirectoryNotFoundException($"expected the shared folder at {shared} (beside the checkout); set TROUPE_SHARED to override");
            }
        }
        throw new DirectoryNotFoundException($"no Troupe.slnx above {AppContext.BaseDirectory}; set TROUPE_SHARED");
    }
}
