using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Troupe.Node.Tests.Support;

/// <summary>
/// One cluster node in its own OS process (tests/Cluster.Node), optionally inside a network namespace. Every
/// wait on it is bounded; disposing kills it if it still runs.
/// </summary>
public sealed partial class NodeProcess : IDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>The cluster secret every test node is started with.</summary>
    public const string Secret = "troupe-test-secret";

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();

    private NodeProcess(Process process, string name, int port)
    {
        _process = process;
        Name = name;
        Port = port;
    }

    public string Name { get; }
    public int Port { get; }

    /// <summary>This incarnation's uid, from its "started" line.</summary>
    public long Uid { get; private set; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a node; <paramref name="netns"/> runs it inside that network namespace (ip netns exec).</summary>
    public static async Task<NodeProcess> StartAsync(string name, string host, int port, string seeds, string roles, string? netns = null, params string[] extra)
    {
        var node = Path.Combine(AppContext.BaseDirectory, "Troupe.Cluster.Node.dll");
        if (!File.Exists(node)) throw new FileNotFoundException($"expected the cluster node beside the tests at {node}");
        var info = new ProcessStartInfo(netns is null ? DotnetHost() : "ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var arguments = new List<string>();
        if (netns is not null) arguments.AddRange(["netns", "exec", netns, DotnetHost()]);
        arguments.AddRange([node, "--host", host, "--port", $"{port}", "--seeds", seeds, "--roles", roles, "--fd-pause-ms", "1500"]);
        arguments.AddRange(extra);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var result = new NodeProcess(process, name, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (result._lines) result._lines.Add(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (result._lines) result._errors.AppendLine(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await result.WaitForLineAsync(l => l.StartsWith("started ", StringComparison.Ordinal), "its started line");
        result.Uid = long.Parse(Field(started, "uid")!, System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    /// <summary>Cluster events printed so far, in order.</summary>
    public IReadOnlyList<NodeEvent> Events
    {
        get
        {
            lock (_lines) return [.. _lines.Select(NodeEvent.TryParse).OfType<NodeEvent>()];
        }
    }

    public string Output
    {
        get
        {
            lock (_lines) return $"--- {Name} stdout\n{string.Join("\n", _lines)}\n--- {Name} stderr\n{_errors}";
        }
    }

    public Task<NodeEvent> WaitForEventAsync(string type, int port, long uid) =>
        WaitForEventAsync(e => e.Type == type && e.Port == port && e.Uid == uid, $"{type} for :{port}#{uid}");

    public async Task<NodeEvent> WaitForEventAsync(Func<NodeEvent, bool> predicate, string what)
    {
        var line = await WaitForLineAsync(l => NodeEvent.TryParse(l) is { } e && predicate(e), what);
        return NodeEvent.TryParse(line)!;
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, string what, TimeSpan? bound = null)
    {
        var limit = bound ?? Bound;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            lock (_lines)
                if (_lines.FirstOrDefault(predicate) is { } found) return found;
            if (_process.HasExited)
            {
                _process.WaitForExit();
                lock (_lines)
                    if (_lines.FirstOrDefault(predicate) is { } found) return found;
                throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before printing {what}:\n{Output}");
            }
            if (clock.Elapsed > limit) throw new TimeoutException($"{Name} did not print {what} within {limit}:\n{Output}");
            await Task.Delay(20);
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var cancel = new CancellationTokenSource(Bound);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {Bound}:\n{Output}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>kill -9, as a crash; returns the kill time (Unix ms).</summary>
    public async Task<long> KillAsync()
    {
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync();
        return at;
    }

    /// <summary>SIGTERM (a graceful stop request).</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, 15) != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    internal static string? Field(string line, string key)
    {
        foreach (var part in line.Split(' '))
            if (part.StartsWith(key + "=", StringComparison.Ordinal)) return part[(key.Length + 1)..];
        return null;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli)) return fromCli;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
