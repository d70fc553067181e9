using System.Globalization;
using Akka.Actor;
using Troupe.Node;
using Troupe.Bench.Cluster;

// Usage: Troupe.Bench.Cluster [pingpong|latency|detect|transfer|all] [--quick]
//        (child modes, started by the benchmark itself: server <port> | node <seedPort> <default|tight> | offerer <port> <rawPort>)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var what = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
var quick = args.Contains("--quick");
const int MaxClients = 20;

if (what == "server")
{
    var server = Nodes.System(int.Parse(args[1], CultureInfo.InvariantCulture), "default");
    for (var i = 0; i < MaxClients; i++) server.ActorOf(Props.Create<Echo>(), $"echo{i}");
    Console.WriteLine("ready");
    server.WhenTerminated.Wait();
    return;
}
if (what == "offerer")
{
    Transfer.Child(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
    return;
}
if (what == "node")
{
    Detection.Child(int.Parse(args[1], CultureInfo.InvariantCulture), args[2]);
    return;
}

Console.WriteLine($"Akka.Remote/Akka.Cluster bench (Troupe node config): {Environment.ProcessorCount} cores, .NET {Environment.Version}, two processes on 127.0.0.1");
if (what is "all" or "pingpong" or "latency")
{
    var port = Nodes.FreePort();
    using var child = Nodes.StartChild("server", $"{port}");
    var system = Nodes.System(0, "default");
    var server = $"{NodeConfig.Protocol}://troupe@127.0.0.1:{port}";
    try
    {
        if (what is "all" or "pingpong")
        {
            var perClient = quick ? 20_000 : 200_000;
            PingPong.Round(system, server, 4, perClient / 4, 50);   // warm-up: connection, JIT
            foreach (var clients in new[] { 1, 5, 10, 20 })
            {
                var rounds = Enumerable.Range(0, 3).Select(_ => PingPong.Round(system, server, clients, perClient / clients * 2, 50)).OrderBy(x => x).ToList();
                Console.WriteLine($"remote ping-pong clients={clients,2} in-flight=50 each: median {rounds[1] / 1e3:0} k msg/s (best {rounds[^1] / 1e3:0}, worst {rounds[0] / 1e3:0})");
            }
        }
        if (what is "all" or "latency")
        {
            var count = quick ? 5_000 : 50_000;
            PingPong.Latency(system, server, count / 5);
            var sorted = PingPong.Latency(system, server, count);
            Console.WriteLine($"remote round trip, 1 client, 1 in flight ({count} sequential): p50 {PingPong.Percentile(sorted, 50):0} µs, " +
                              $"p99 {PingPong.Percentile(sorted, 99):0} µs, p99.9 {PingPong.Percentile(sorted, 99.9):0} µs");
        }
    }
    finally
    {
        child.Kill();
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
if (what is "all" or "transfer")
{
    var (port, rawPort) = (Nodes.FreePort(), Nodes.FreePort());
    using var child = Nodes.StartChild("offerer", $"{port}", $"{rawPort}");
    var system = Nodes.System(0, "default");
    var folder = Directory.CreateTempSubdirectory("troupe-transfer-bench-").FullName;
    try
    {
        Transfer.Round(system, $"{NodeConfig.Protocol}://troupe@127.0.0.1:{port}", rawPort, folder);   // warm-up: connection, JIT
        var rounds = Enumerable.Range(0, quick ? 1 : 3).Select(_ => Transfer.Round(system, $"{NodeConfig.Protocol}://troupe@127.0.0.1:{port}", rawPort, folder)).ToList();
        var streamRef = rounds.Select(r => r.StreamRef).OrderBy(x => x).ToList();
        var raw = rounds.Select(r => r.Raw).OrderBy(x => x).ToList();
        Console.WriteLine($"{Transfer.Megabytes} MB checkpoint, stream ref (64 KiB chunks, SHA-256, fsync) vs raw TCP socket into a file ({rounds.Count} rounds): " +
                          $"median {streamRef[rounds.Count / 2]:0} MB/s vs {raw[rounds.Count / 2]:0} MB/s, ratio {streamRef[rounds.Count / 2] / raw[rounds.Count / 2]:0.00} " +
                          $"[stream ref {string.Join(", ", streamRef.Select(x => x.ToString("0")))}; raw {string.Join(", ", raw.Select(x => x.ToString("0")))}]");
    }
    finally
    {
        child.Kill();
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        Directory.Delete(folder, recursive: true);
    }
}
if (what is "all" or "detect")
{
    foreach (var timing in new[] { "default", "tight" })
    {
        var runs = Enumerable.Range(0, quick ? 1 : 5).Select(_ => Detection.Run(timing)).ToList();
        var unreachable = runs.Select(r => r.Unreachable).OrderBy(x => x).ToList();
        var downed = runs.Select(r => r.Downed).OrderBy(x => x).ToList();
        Console.WriteLine($"kill -9 detection, {timing} settings ({runs.Count} runs, killed after 20 heartbeats): unreachable after median {unreachable[unreachable.Count / 2]:0.00} s " +
                          $"[{string.Join(", ", unreachable.Select(u => u.ToString("0.00")))}], downed after median {downed[downed.Count / 2]:0.00} s; " +
                          $"false unreachable of the live child before the kill: {runs.Sum(r => r.FalseAlarms)}");
    }
}

sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
}
