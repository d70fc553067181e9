using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Troupe.Node;
using Troupe.Worker.Agent;
using Troupe.Worker.Host;
using Troupe.Worker.Protocol.Wire;

// troupe-worker: joins the cluster through the seed (the coordinator) with role worker and runs a WorkerAgent that
// registers its slots with the coordinator. When the node leaves the cluster without being asked to (the coordinator
// crashed and the node downed itself, or it was downed), it starts a fresh incarnation and joins again, so a
// restarted coordinator finds its workers. SIGTERM leaves gracefully and exits 0. Exit code 2: bad usage.
WorkerOptions options;
Config config;
try
{
    options = WorkerOptions.Parse(args, Environment.GetEnvironmentVariable);
    // SIGTERM and SIGINT are handled below (leave the cluster, then exit), not by Akka's CLR exit hook.
    config = ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off")
        .WithFallback(NodeConfig.For(options.Node, logLevel: "INFO"))
        .WithFallback(TrialMessageSerializer.Config);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"troupe-worker: {e.Message}\n{WorkerOptions.Usage}");
    return 2;
}

using var loggers = LoggerFactory.Create(b =>
{
    b.SetMinimumLevel(LogLevel.Information);
    if (options.Json) b.AddJsonConsole(c => { c.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; c.UseUtcTimestamp = true; });
    else b.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; c.UseUtcTimestamp = true; });
});
var log = loggers.CreateLogger("troupe-worker");
var stopping = new CancellationTokenSource();
ActorSystem? current = null;
// Akka's coordinated shutdown leaves the cluster when this node is a member (a graceful leave: its trials move) and
// ends the system in every case, also while the node is still joining a seed that is not there.
void Stop(ActorSystem? system)
{
    if (system is not null) _ = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
}
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;   // the loop below exits once the system has ended
    log.LogInformation("SIGTERM: leaving the cluster");
    stopping.Cancel();
    Stop(Volatile.Read(ref current));
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stopping.Cancel();
    Stop(Volatile.Read(ref current));
});

var incarnation = 0;
while (!stopping.IsCancellationRequested)
{
    ActorSystem system;
    try
    {
        system = NodeSystem.Create(ClusterNodeOptions.SystemName, config, loggers, options.Node.Secret);
    }
    catch (Exception e) when (e is SocketException or Akka.Remote.RemoteTransportException)
    {
        // The previous incarnation's port may take a moment to be released.
        log.LogWarning("cannot listen on {Host}:{Port} yet ({Error}); retrying in 1 s", options.Node.ListenHost, options.Node.ListenPort, e.Message);
        await Task.Delay(TimeSpan.FromSeconds(1));
        continue;
    }
    var cluster = Cluster.Get(system);
    Volatile.Write(ref current, system);
    incarnation++;
    log.LogInformation("worker node {Address} (incarnation {N}) joining {Seeds} with {Slots} slots", cluster.SelfAddress, incarnation,
        string.Join(",", options.Node.Seeds.Select(s => $"{s.Host}:{s.Port}")), options.Slots?.ToString() ?? "default");
    system.ActorOf(WorkerNode.Props(id => WorkerSettings.Create(id, options.Slots, options.Device)), "node");
    if (stopping.IsCancellationRequested) Stop(system);
    await system.WhenTerminated;
    Volatile.Write(ref current, null);
    var reason = CoordinatedShutdown.Get(system).ShutdownReason?.ToString() ?? "system terminated";
    if (stopping.IsCancellationRequested)
    {
        log.LogInformation("left the cluster ({Reason})", reason);
        break;
    }
    log.LogWarning("out of the cluster ({Reason}); joining again in 1 s", reason);
    await Task.Delay(TimeSpan.FromSeconds(1));
}
return 0;
