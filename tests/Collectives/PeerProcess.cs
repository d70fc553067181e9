using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Troupe.Collectives.Tests;

/// <summary>
/// A rank of a collectives test running in its own OS process (tests/Collectives.Peer). Every wait on it is
/// bounded; disposing kills it if it is still running.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    /// <summary>Bound of any wait on a peer: generous, since two busy cores may start .NET slowly.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly StringBuilder errors = new();

    private PeerProcess(Process process) => this.process = process;

    public static PeerProcess Start(string scenario, int port, int rank, int worldSize, TimeSpan timeout)
    {
        var peer = Path.Combine(AppContext.BaseDirectory, "Troupe.Collectives.Peer.dll");
        if (!File.Exists(peer)) throw new FileNotFoundException($"expected the collectives peer beside the tests at {peer}");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { peer, scenario, "127.0.0.1", $"{port}", $"{rank}", $"{worldSize}", $"{(int)timeout.TotalMilliseconds}" })
            info.ArgumentList.Add(arg);
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

    /// <summary>Waits until the peer printed <paramref name="line"/>; fails if it exits first or <see cref="Bound"/> passes.</summary>
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

    /// <summary>Waits for the peer to exit (bounded) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var cancel = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the peer did not exit within {Bound}:\n{Output}");
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Kills the peer (as a crash would) and waits until it is gone.</summary>
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
