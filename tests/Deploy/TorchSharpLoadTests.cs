using System.Diagnostics;
using Troupe.Deploy.Tests.Support;

namespace Troupe.Deploy.Tests;

/// <summary>
/// TorchSharp 0.107's libLibTorchSharp.so asks libstdc++ for GLIBCXX_3.4.32 (one GCC 13 link marker); Debian 12's
/// libstdc++ stops at 3.4.30, so the build marks that need weak in a private copy in every output folder
/// (Directory.Build.targets). These specs check what the build left: every app, test host and bench folder that
/// carries TorchSharp got the patched copy (never the NuGet cache's file through a link), and an app really trains.
/// </summary>
public sealed class TorchSharpLoadTests(ITestOutputHelper output)
{
    private const string Version = "GLIBCXX_3.4.32";
    private const string LibStdCxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";

    [Fact]
    public void Every_output_folder_with_TorchSharp_must_hold_a_loadable_LibTorchSharp()
    {
        var libraries = new[] { "src", "tests", "bench" }
            .Select(Repo.PathOf)
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "libLibTorchSharp.so", SearchOption.AllDirectories))
            .Where(p => p.Contains("/bin/", StringComparison.Ordinal))
            .ToList();
        libraries.Should().Contain(p => p.Contains("/src/Coordinator/bin/", StringComparison.Ordinal),
            "troupe-coordinator references TorchSharp (through Troupe.Training), so its output folder carries the native library");
        var systemHasIt = File.Exists(LibStdCxx) && File.ReadAllText(LibStdCxx, System.Text.Encoding.Latin1).Contains(Version, StringComparison.Ordinal);
        foreach (var library in libraries)
        {
            var flags = NeedFlags(library);
            output.WriteLine($"{Path.GetRelativePath(Repo.Root, library)}: {Version} flags '{flags}'");
            flags.Should().NotBeNull($"{library} asks for {Version} (TorchSharp 0.107)");
            if (systemHasIt) continue;
            new FileInfo(library).LinkTarget.Should().BeNull($"{library} must be the build's patched copy, not a link into the NuGet cache");
            flags.Should().Be("WEAK", $"{LibStdCxx} lacks {Version}, so {library} only loads with that need marked weak");
        }
    }

    [Fact]
    public void Coordinator_must_train_a_model_through_TorchSharp()
    {
        var dll = Repo.PathOf("src/Coordinator/bin/Release/net10.0/troupe-coordinator.dll");
        File.Exists(dll).Should().BeTrue($"the solution is built (Release) before the tests run, so {dll} exists");
        var (code, stdout, stderr) = Run("dotnet", dll, "train", "--model", "lmmodel1", "--epochs", "1", "--generate", "0");
        output.WriteLine(stdout + stderr);
        code.Should().Be(0, stderr);
        stdout.Should().Contain("accuracy").And.Contain("lmmodel1");
    }

    // `readelf -V` prints each version need as "Name: GLIBCXX_3.4.32  Flags: WEAK  Version: 18".
    private static string? NeedFlags(string library)
    {
        var (code, stdout, stderr) = Run("readelf", "-V", library);
        code.Should().Be(0, stderr);
        var line = stdout.Split('\n').FirstOrDefault(l => l.Contains($"Name: {Version}", StringComparison.Ordinal));
        if (line is null) return null;
        var at = line.IndexOf("Flags:", StringComparison.Ordinal);
        return line[(at + "Flags:".Length)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
    }

    private static (int Code, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
