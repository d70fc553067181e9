using System.Globalization;
using System.Runtime;
using Akka.Actor;
using Akka.Configuration;
using Troupe.Bench.Actors;

// Usage: Troupe.Bench.Actors [pingpong|fanin|ask|all] [--rounds N] [--quick] [--throughput N]
var what = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
var rounds = ArgValue("--rounds", 5);
var quick = args.Contains("--quick");
var cores = Environment.ProcessorCount;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

Console.WriteLine($"Akka.NET bench: {cores} cores, .NET {Environment.Version}, GC server={GCSettings.IsServerGC}, rounds={rounds}");
// Akka's default dispatcher (throughput 30 unless told), as Troupe's nodes run it.
var throughput = ArgValue("--throughput", 30);
Console.WriteLine($"settings: default dispatcher, throughput {throughput}");
using var system = ActorSystem.Create("bench", ConfigurationFactory.ParseString($"akka.actor.default-dispatcher.throughput = {throughput}"));

if (what is "all" or "pingpong")
{
    long repeat = quick ? 200_000 : 3_000_000;
    foreach (var inFlight in new[] { 1, 1000 })
    {
        PingPong.Round(system, cores, repeat / 10, inFlight);   // warm-up
        var n = inFlight == 1 ? repeat / 10 : repeat;
        var cpu = CpuSeconds();
        var results = Enumerable.Range(0, rounds).Select(_ => PingPong.Round(system, cores, n, inFlight)).ToList();
        cpu = CpuSeconds() - cpu;
        Report($"ping-pong pairs={cores} in-flight={inFlight}", results, "msg/s", rounds * 2.0 * n * cores / cpu);
    }
}

if (what is "all" or "fanin")
{
    var senders = 4;
    long perSender = quick ? 250_000 : 2_500_000;
    FanIn.Round(system, senders, perSender / 10);
    var cpu = CpuSeconds();
    var results = Enumerable.Range(0, rounds).Select(_ => FanIn.Round(system, senders, perSender)).ToList();
    cpu = CpuSeconds() - cpu;
    Report($"fan-in senders={senders} -> 1", results, "msg/s", rounds * (double)senders * perSender / cpu);
}

if (what is "all" or "ask")
{
    var count = quick ? 20_000 : 200_000;
    var sorted = await AskLatency.Run(system, count / 4, count);
    Console.WriteLine($"ask round-trip ({count} sequential asks): p50 {AskLatency.Percentile(sorted, 50):0.0} µs, " +
                      $"p99 {AskLatency.Percentile(sorted, 99):0.0} µs, p99.9 {AskLatency.Percentile(sorted, 99.9):0.0} µs, max {sorted[^1]:0.0} µs");
}

Console.WriteLine($"GC: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}");

static void Report(string name, List<double> perSecond, string unit, double perCpuSecond)
{
    var sorted = perSecond.OrderBy(x => x).ToList();
    Console.WriteLine($"{name}: median {sorted[sorted.Count / 2] / 1e6:0.00} M{unit}, best {sorted[^1] / 1e6:0.00} M{unit}, " +
                      $"worst {sorted[0] / 1e6:0.00} M{unit}; {perCpuSecond / 1e6:0.00} M messages per CPU-second");
}

static double CpuSeconds() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

int ArgValue(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
