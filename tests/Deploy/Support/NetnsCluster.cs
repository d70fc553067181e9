using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Troupe.Deploy.Tests.Support;

/// <summary>Runs deploy/netns-cluster.sh with its settings (TROUPE_NETNS_*) and returns its exit code and output.</summary>
public static partial class NetnsCluster
{
    public static (int Code, string Output) Run(IReadOnlyDictionary<string, string> settings, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repo.PathOf("deploy/netns-cluster.sh"));
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("TROUPE_")).ToList()) info.Environment.Remove(key);
        foreach (var (k, v) in settings) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"netns-cluster.sh {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s\n{stdout.Result}{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The environment the script gives NODE (its <c>env NODE</c> lines), without root.</summary>
    public static Dictionary<string, string> Environment(string node)
    {
        var (code, output) = Run(new Dictionary<string, string>(), TimeSpan.FromSeconds(10), "env", node);
        if (code != 0) throw new InvalidOperationException($"netns-cluster.sh env {node} failed ({code}): {output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
    }

    /// <summary>Why the netns tests cannot run here (not Linux, not root, no working ip netns), or null.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces need Linux";
        if (GetEuid() != 0) return "the netns cluster test needs root (ip netns); run as root to include it";
        var probe = $"trp-deploy-probe-{System.Environment.ProcessId}";
        try
        {
            using var add = Process.Start(new ProcessStartInfo("ip", $"netns add {probe}") { RedirectStandardError = true, UseShellExecute = false })!;
            var error = add.StandardError.ReadToEnd();
            add.WaitForExit();
            if (add.ExitCode != 0) return $"ip netns does not work here: {error.Trim()}";
            using var del = Process.Start(new ProcessStartInfo("ip", $"netns del {probe}") { UseShellExecute = false })!;
            del.WaitForExit();
            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot run ip: {e.Message}";
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
