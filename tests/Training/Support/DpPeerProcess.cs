using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Troupe.Training.Tests.Support;

/// <summary>
/// One process of tests/Training.DpPeer hosting one or more ranks of a data-parallel group. Every wait on it is
/// bounded; disposing kills it if it still runs.
/// </summary>
internal sealed class DpPeerProcess : IDisposable
{
    /// <summary>Bound of any wait on a peer: generous, since replicas on two busy cores train slowly.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(240);

    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly StringBuilder errors = new();

    private DpPeerProcess(Process process) => this.process = process;

    /// <param name="pause">Makes the peer's ranks stop answering before (epoch, batch) of training.</param>
    /// <param name="parameters">The trial's parameters (lr, wd, model hyperparameters; null: the registry's recipe).</param>
    public static DpPeerProcess Start(string model, int epochs, int port, int worldSize, TimeSpan timeout, string outDir, IReadOnlyList<int> ranks,
        (int Epoch, int Batch)? pause = null, IReadOnlyDictionary<string, double>? parameters = null)
    {
        var peer = Path.Combine(AppContext.BaseDirectory, "Troupe.Training.DpPeer.dll");
        if (!File.Exists(peer)) throw new FileNotFoundException($"expected the data-parallel peer beside the tests at {peer}");
        var info = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = [peer, model, $"{epochs}", "127.0.0.1", $"{port}", $"{worldSize}", $"{(int)timeout.TotalMilliseconds}", outDir, string.Join(',', ranks)];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        if (pause is { } p) info.ArgumentList.Add($"pause={p.Epoch}:{p.Batch}");
        if (parameters is { Count: > 0 })
            info.ArgumentList.Add("params=" + string.Join(',', parameters.Select(kv => $"{kv.Key}:{kv.Value.ToString("R", CultureInfo.InvariantCulture)}")));
        var process = new Process { StartInfo = info };
        var result = new DpPeerProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (result.lines) result.lines.Add(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (result.lines) result.errors.AppendLine(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
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

    /// <summary>Waits for the peer to exit (bounded by <paramref name="bound"/>, default <see cref="Bound"/>) and returns its exit code.</summary>
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
