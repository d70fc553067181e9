using System.Diagnostics;
using Troupe.Actors;
using Troupe.Cluster.Remote.Actors;
using Troupe.Cluster.Remote.Handshake;
using Troupe.Cluster.Remote.Transport;

namespace Troupe.Cluster.Bench;

/// <summary>Actor systems and child processes of the benchmarks.</summary>
public static class Nodes
{
    public const string Secret = "bench-secret";

    public static TransportSettings Transport(int port) => new("bench", ClusterSecret.FromText(Secret)) { BindHost = "127.0.0.1", BindPort = port };

    public static ActorSystem System(ClusterSettings settings) =>
        ActorSystem.Create("bench", ActorSystemSettings.Default with { ProviderFactory = RemoteActorRefProvider.Factory(settings) });

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
}
