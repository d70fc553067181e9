using Akka.Actor;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Troupe.Node;

namespace Troupe.Bench.Cluster;

/// <summary>Actor systems (Troupe's node configuration) and child processes of the benchmarks.</summary>
public static class Nodes
{
    /// <summary>A cluster node on 127.0.0.1:<paramref name="port"/> with <paramref name="role"/>, joining <paramref name="seedPort"/> (none: no seed).</summary>
    public static ActorSystem System(int port, string timing, string role = "worker", int? seedPort = null)
    {
        var seeds = seedPort is { } s ? ImmutableArray.Create(("127.0.0.1", s)) : [];
        var options = new ClusterNodeOptions("127.0.0.1", port, null, null, "bench-secret", seeds, ImmutableSortedSet.Create(role),
            ImmutableDictionary<string, int>.Empty, timing);
        return NodeSystem.Create(ClusterNodeOptions.SystemName, NodeConfig.For(options), NullLoggerFactory.Instance, options.Secret);
    }

    /// <summary>This benchmark executable again, in a child mode (<paramref name="arguments"/>); waits for its "ready" line.</summary>
    public static Process StartChild(params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet") info.ArgumentList.Add(typeof(Nodes).Assembly.Location);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result != "ready")
        {
            process.Kill();
            throw new InvalidOperationException($"expected the child '{string.Join(' ', arguments)}' to print ready within 30 s, got '{(ready.IsCompleted ? ready.Result : "nothing")}'");
        }
        return process;
    }

    public static int FreePort()
    {
        using var listener = new global::System.Net.Sockets.TcpListener(global::System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((global::System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static IActorRef Resolve(ActorSystem system, string path) => ((ExtendedActorSystem)system).Provider.ResolveActorRef(path);
}
