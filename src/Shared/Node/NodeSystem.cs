using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace Troupe.Node;

/// <summary>
/// Creates the ActorSystems of the project: their config over <see cref="NodeConfig.Base"/>, logging through the
/// project's logger factory, unhandled messages logged as warnings (<see cref="UnhandledLogger"/>).
/// </summary>
public static class NodeSystem
{
    public static ActorSystem Create(string name, Config config, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggers);
        var system = ActorSystem.Create(name, Setup(config.WithFallback(NodeConfig.Base()), loggers));
        system.EventStream.Subscribe(system.ActorOf(Props.Create<UnhandledLogger>(), "unhandled-logger"), typeof(UnhandledMessage));
        return system;
    }

    /// <summary>The setup <see cref="Create"/> uses, for callers (test kits) that create the system themselves.</summary>
    public static ActorSystemSetup Setup(Config config, ILoggerFactory loggers) =>
        BootstrapSetup.Create().WithConfig(config).And(new NodeLogging(loggers));
}
