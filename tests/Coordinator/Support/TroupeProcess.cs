using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Troupe.Coordinator.Tests.Support;

/// <summary>
/// troupe-coordinator or troupe-worker in its own OS process (the executables beside the tests), with tight cluster
/// timings and a test secret in its environment. stdout and stderr are collected as lines; every wait is bounded;
/// disposing kills it if it still runs.
/// </summary>
public sealed partial class TroupeProcess : IDisposable
{
    public const string Secret = "troupe-system-test-secret";

    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly StringBuilder errors = new();

    private TroupeProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Starts <c>dotnet DLL args</c>; <paramref name="dll"/> is troupe-coordinator.dll or troupe-worker.dll.</summary>
    public static TroupeProcess Start(string name, string dll, params string[] args)
    {
        var path = Path.Combine(AppContext.BaseDirectory, dll);
        if (!File.Exists(path)) throw new FileNotFoundException($"expected {dll} beside the tests at {path}");
        var info = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(path);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["TROUPE_SECRET"] = Secret;
        info.Environment["TROUPE_TIMING"] = "tight";
        var p = new Process { StartInfo = info };
        var result = new TroupeProcess(p, name);
        p.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (result.lines) result.lines.Add(line); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (result.lines) result.errors.AppendLine(line); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return result;
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines) return [.. lines];
        }
    }

    public string Output
    {
        get
        {
            lock (lines) return $"--- {Name} stdout\n{string.Join("\n", lines)}\n--- {Name} stderr\n{errors}";
        }
    }

    /// <summary>The first stdout line matching <paramref name="predicate"/>, waiting at most <paramref name="bound"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, string what, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            lock (lines)
                if (lines.FirstOrDefault(predicate) is { } found) return found;
            if (process.HasExited)
            {
                process.WaitForExit();
                lock (lines)
                    if (lines.FirstOrDefault(predicate) is { } found) return found;
                throw new InvalidOperationException($"{Name} exited ({process.ExitCode}) before printing {what}:\n{Output}");
            }
            if (clock.Elapsed > bound) throw new TimeoutException($"{Name} did not print {what} within {bound}:\n{Output}");
            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var cancel = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {bound}:\n{Output}");
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>kill -9 (SIGKILL to the process itself), as a crash.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM (a graceful stop request: troupe-worker leaves the cluster and exits 0).</summary>
    public void Terminate()
    {
        if (Kill(process.Id, 15) != 0) throw new InvalidOperationException($"kill -TERM {process.Id} ({Name}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli)) return fromCli;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
