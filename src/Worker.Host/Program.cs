using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Cluster;
using Troupe.Cluster.Remote.Actors;
using Troupe.Worker.Agent;
using Troupe.Worker.Host;
using Troupe.Worker.Protocol.Wire;

// troupe-worker: joins the cluster through the seed (the coordinator) with role worker and runs a WorkerAgent that
// registers its slots with the coordinator. When the node leaves the cluster without being asked to (the coordinator
// crashed and the node downed itself, or it was downed), it starts a fresh incarnation and joins again, so a
// restarted coordinator finds its workers. SIGTERM leaves gracefully and exits 0. Exit code 2: bad usage.
WorkerOptions options;
ClusterSettings settings;
try
{
    options = WorkerOptions.Parse(args, Environment.GetEnvironmentVariable);
    settings = options.Node.ToSettings();
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
Cluster? current = null;
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;   // the cluster ends the system once it has left; the loop below then exits
    log.LogInformation("SIGTERM: leaving the cluster");
    stopping.Cancel();
    if (current is { } c) c.Leave(c.SelfAddress);
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stopping.Cancel();
    if (current is { } c) c.Leave(c.SelfAddress);
});

var incarnation = 0;
while (!stopping.IsCancellationRequested)
{
    ActorSystem system;
    try
    {
        system = ActorSystem.Create(ClusterNodeOptions.SystemName, ActorSystemSettings.Default with
        {
            LoggerFactory = loggers,
            ProviderFactory = RemoteActorRefProvider.Factory(settings),
        });
    }
    catch (SocketException e)
    {
        // The previous incarnation's port may take a moment to be released.
        log.LogWarning("cannot listen on {Host}:{Port} yet ({Error}); retrying in 1 s", settings.Transport.BindHost, settings.Transport.BindPort, e.Message);
        await Task.Delay(TimeSpan.FromSeconds(1));
        continue;
    }
    TrialMessageSerializer.BindTo(system);
    var cluster = Cluster.Get(system);
    current = cluster;
    incarnation++;
    log.LogInformation("worker node {Address} (incarnation {N}) joining {Seeds} with {Slots} slots", cluster.SelfAddress, incarnation,
        string.Join(",", settings.SeedNodes), options.Slots?.ToString() ?? "default");
    system.ActorOf(WorkerNode.Props(id => WorkerSettings.Create(id, options.Slots, options.Device)), "node");
    if (stopping.IsCancellationRequested) cluster.Leave(cluster.SelfAddress);
    await system.WhenTerminated;
    current = null;
    var reason = cluster.ShutdownReason ?? "system terminated";
    if (stopping.IsCancellationRequested)
    {
        log.LogInformation("left the cluster ({Reason})", reason);
        break;
    }
    log.LogWarning("out of the cluster ({Reason}); joining again in 1 s", reason);
    await Task.Delay(TimeSpan.FromSeconds(1));
}
return 0;
