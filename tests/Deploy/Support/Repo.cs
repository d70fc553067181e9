namespace Troupe.Deploy.Tests.Support;

/// <summary>The repository this test assembly was built from (the folder holding Troupe.slnx).</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Troupe.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no Troupe.slnx above {AppContext.BaseDirectory}");
    }
}
