using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Cluster;
using Troupe.Cluster.Membership.Events;
using Troupe.ClusterNode;
using Troupe.Cluster.Remote.Actors;

// A cluster node for multi-process tests. Prints "started self=troupe://sys@h:p uid=N" once listening, one
// "event ..." line per cluster event, and "terminated reason=..." when its system ends. SIGTERM leaves the cluster
// gracefully. Exit codes: 0 after termination, 2 on bad usage.
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
var system = ActorSystem.Create(options.System, ActorSystemSettings.Default with
{
    LoggerFactory = loggerFactory,
    ProviderFactory = RemoteActorRefProvider.Factory(options.ToSettings()),
});
system.ActorOf(Props.Create<Echo>(), "echo");
system.ActorOf(Props.Create<Relay>(), "relay");
var printer = system.ActorOf(Props.Create<EventPrinter>(), "printer");
var cluster = Cluster.Get(system);
lock (Console.Out) Console.Out.WriteLine($"started self={cluster.SelfUniqueAddress.Address} uid={cluster.SelfUniqueAddress.Uid}");
cluster.Subscribe(printer, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(MemberEvent), typeof(UnreachableMember), typeof(ReachableMember), typeof(LeaderChanged));
cluster.RegisterOnMemberUp(() => EventPrinter.Print("SelfUp", $"node={cluster.SelfUniqueAddress.Address} uid={cluster.SelfUniqueAddress.Uid}"));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;   // the cluster ends the process once it has left
    lock (Console.Out) Console.Out.WriteLine("sigterm");
    cluster.Leave(cluster.SelfAddress);
});
await system.WhenTerminated;
lock (Console.Out) Console.Out.WriteLine($"terminated reason={cluster.ShutdownReason ?? "system terminated"}");
return 0;
