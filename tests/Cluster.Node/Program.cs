using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;
using Troupe.ClusterNode;
using Troupe.Node;
using static Akka.Cluster.ClusterEvent;

// A cluster node for multi-process tests, on Troupe's Akka.Cluster configuration. Prints "started self=akka.ssl.tcp://troupe@h:p uid=N"
// once listening, one "event ..." line per cluster event, and "terminated reason=..." when its system ends. SIGTERM
// leaves the cluster gracefully. Exit codes: 0 after termination, 2 on bad usage.
NodeOptions options;
try
{
    options = NodeOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"{e.Message}\n{NodeOptions.Usage}");
    return 2;
}

var level = Environment.GetEnvironmentVariable("TROUPE_NODE_LOG") is { Length: > 0 } l ? Enum.Parse<LogLevel>(l, ignoreCase: true) : LogLevel.Information;
using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(level).AddProvider(new StderrLoggerProvider(level)));
var system = NodeSystem.Create(ClusterNodeOptions.SystemName, options.ToConfig(), loggerFactory, options.Node.Secret);
system.ActorOf(Props.Create<Echo>(), "echo");
system.ActorOf(Props.Create<Relay>(), "relay");
var printer = system.ActorOf(Props.Create<EventPrinter>(), "printer");
var cluster = Cluster.Get(system);
lock (Console.Out) Console.Out.WriteLine($"started self={cluster.SelfUniqueAddress.Address} uid={cluster.SelfUniqueAddress.Uid}");
cluster.Subscribe(printer, InitialStateAsEvents, typeof(IMemberEvent), typeof(UnreachableMember), typeof(ReachableMember), typeof(LeaderChanged));
cluster.RegisterOnMemberUp(() => EventPrinter.Print("SelfUp", $"node={cluster.SelfUniqueAddress.Address} uid={cluster.SelfUniqueAddress.Uid}"));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;   // coordinated shutdown ends the process once the node has left
    lock (Console.Out) Console.Out.WriteLine("sigterm");
    cluster.Leave(cluster.SelfAddress);
});
await system.WhenTerminated;
var reason = CoordinatedShutdown.Get(system).ShutdownReason;
lock (Console.Out) Console.Out.WriteLine($"terminated reason={Describe(reason)}");
return 0;

// The words the tests look for: a graceful leave or a downing.
static string Describe(CoordinatedShutdown.Reason? reason) => reason switch
{
    CoordinatedShutdown.ClusterLeavingReason => "left the cluster",
    CoordinatedShutdown.ClusterDowningReason => "downed",
    null => "system terminated",
    _ => reason.GetType().Name,
};
