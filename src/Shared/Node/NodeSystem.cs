using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace Troupe.Node;

/// <summary>
/// Creates the ActorSystems of the project: their config over <see cref="NodeConfig.Base"/>, logging through the
/// project's logger factory, unhandled messages logged as warnings (<see cref="UnhandledLogger"/>), and, given the
/// cluster secret, Akka.Remote over TLS with mutual authentication by that secret (<see cref="ClusterCredential"/>).
/// </summary>
public static class NodeSystem
{
    /// <param name="name">The system's name (<see cref="ClusterNodeOptions.SystemName"/> for every node of a cluster).</param>
    /// <param name="config">The system's own HOCON, over <see cref="NodeConfig.Base"/>.</param>
    /// <param name="loggers">Where Akka's log events and the actors' log lines go.</param>
    /// <param name="secret">The cluster secret of a remoting node; null for a system without remoting.</param>
    public static ActorSystem Create(string name, Config config, ILoggerFactory loggers, string? secret = null)
    {
        var system = ActorSystem.Create(name, Setup(config.WithFallback(NodeConfig.Base()), loggers, secret));
        system.EventStream.Subscribe(system.ActorOf(Props.Create<UnhandledLogger>(), "unhandled-logger"), typeof(UnhandledMessage));
        return system;
    }

    /// <summary>The setup <see cref="Create"/> uses, for callers (test kits) that create the system themselves.</summary>
    public static ActorSystemSetup Setup(Config config, ILoggerFactory loggers, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggers);
        var setup = BootstrapSetup.Create().WithConfig(config).And(new NodeLogging(loggers));
        // TLS where the config turns it on (every remoting config of NodeConfig does): then the secret is the credential.
        if (!config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl", false)) return setup;
        if (secret is null) throw new ArgumentException("expected the cluster secret for a node with TLS (enable-ssl = on), got none", nameof(secret));
        return setup.And(ClusterCredential.FromSecret(secret).ToSslSetup());
    }
}
