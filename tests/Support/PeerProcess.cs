using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Troupe.Tests.Support;

/// <summary>
/// A peer executable of a test project running in its own OS process (`dotnet PEER.dll ARGS`), its output captured.
/// Every wait on it is bounded by the project's <c>Bound</c> (declared in the project's part of this class, beside its
/// <c>Start</c>); disposing kills it if it still runs. Compiled into each test project that starts peers.
/// </summary>
internal sealed partial class PeerProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly StringBuilder errors = new();

    private PeerProcess(Process process) => this.process = process;

    /// <summary>Starts <paramref name="peerDll"/> (beside the tests) with <paramref name="arguments"/>.</summary>
    private static PeerProcess Launch(string peerDll, IEnumerable<string> arguments)
    {
        var peer = Path.Combine(AppContext.BaseDirectory, peerDll);
        if (!File.Exists(peer)) throw new FileNotFoundException($"expected the peer {peerDll} beside the tests at {peer}");
        var info = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(peer);
        foreach (var arg in arguments) info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info };
        var result = new PeerProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (result.lines) result.lines.Add(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (result.lines) result.errors.AppendLine(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>A TCP port nobody listens on right now (the rendezvous port of one test).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Everything the peer printed so far (stdout, then stderr).</summary>
    public string Output
    {
        get
        {
            lock (lines) return string.Join("\n", lines) + "\n" + errors;
        }
    }

    /// <summary>Waits until the peer printed <paramref name="line"/>; fails if it exits first or <c>Bound</c> passes.</summary>
    public async Task WaitForLineAsync(string line)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            lock (lines)
                if (lines.Contains(line)) return;
            if (process.HasExited)
            {
                process.WaitForExit(); // drains the output handlers
                lock (lines)
                    if (lines.Contains(line)) return;
                throw new InvalidOperationException($"the peer exited ({process.ExitCode}) before printing '{line}':\n{Output}");
            }
            if (deadline.Elapsed > Bound) throw new TimeoutException($"the peer did not print '{line}' within {Bound}:\n{Output}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits for the peer to exit (bounded by <paramref name="bound"/>, default <c>Bound</c>) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? bound = null)
    {
        using var cancel = new CancellationTokenSource(bound ?? Bound);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the peer did not exit within {bound ?? Bound}:\n{Output}");
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>SIGKILL (as <c>kill -9</c>, a crash), then waits until it is gone.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true); // a no-op if it exits meanwhile
        process.Dispose();
    }

    private static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli)) return fromCli;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
