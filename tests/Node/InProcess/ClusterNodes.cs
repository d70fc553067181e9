using System.Collections.Immutable;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Remote;
using Akka.Remote.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Troupe.Node.Tests.InProcess;

/// <summary>
/// Several cluster nodes in this process, each an ActorSystem on 127.0.0.1 with Troupe's cluster configuration
/// (<see cref="NodeConfig.For"/>, tight timing with a 1.5 s acceptable pause) behind Akka's throttler transport, so a test can cut links
/// (<see cref="Blackhole"/>) and heal them. Disposing terminates every node it started.
/// </summary>
public sealed class ClusterNodes : IDisposable
{
    /// <summary>The cluster secret of these nodes (TLS with mutual authentication by it).</summary>
    public const string Secret = "test-cluster-secret";

    /// <summary>The acceptable heartbeat pause of these nodes and of <see cref="Setup"/>'s default.</summary>
    public const double DefaultPauseSeconds = 1.5;

    private readonly List<ActorSystem> systems = [];
    private readonly double pauseSeconds;

    /// <param name="pauseSeconds">The failure detector's acceptable heartbeat pause of the nodes this starts.</param>
    public ClusterNodes(double pauseSeconds = DefaultPauseSeconds) => this.pauseSeconds = pauseSeconds;

    /// <summary>The setup of a test kit's system that is a node of <paramref name="role"/> (see <see cref="Config"/>).</summary>
    public static Akka.Actor.Setup.ActorSystemSetup Setup(string role, int minWorkers = 0, string secret = Secret, double pauseSeconds = DefaultPauseSeconds) =>
        NodeSystem.Setup(Config(role, minWorkers: minWorkers, pauseSeconds: pauseSeconds), NullLoggerFactory.Instance, secret);

    /// <summary>Config of a node with <paramref name="role"/>, joining <paramref name="seed"/> (none: it forms the cluster).</summary>
    public static Config Config(string role, Address? seed = null, int minWorkers = 0, int port = 0, double pauseSeconds = DefaultPauseSeconds)
    {
        var seeds = seed is null ? ImmutableArray<(string, int)>.Empty : [(seed.Host!, seed.Port!.Value)];
        var options = new ClusterNodeOptions("127.0.0.1", port, null, null, Secret, seeds, ImmutableSortedSet.Create(role),
            ImmutableDictionary<string, int>.Empty.Add("worker", minWorkers), "tight");
        // The throttler adapter changes the protocol to akka.trttl.ssl.tcp: seeds must name it too. The acceptable pause is
        // 1.5 s (tight's is 1 s), as in the multi-process tests: these nodes share the 2-core machine with the other
        // test assemblies CI runs at the same time, and a graceful leave was seen unreachable there with 1 s.
        return ConfigurationFactory.ParseString($$"""
            akka.cluster.failure-detector.acceptable-heartbeat-pause = {{pauseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}s
            akka.remote.dot-netty.tcp.applied-adapters = ["trttl"]
            akka.cluster.seed-nodes = []
            akka.loglevel = INFO
            """).WithFallback(NodeConfig.For(options)).WithFallback(NodeConfig.Actors);
    }

    /// <summary>Starts a node of <paramref name="role"/> that joins <paramref name="seed"/>.</summary>
    public ActorSystem Start(string role, Address seed, int port = 0, string secret = Secret)
    {
        var system = NodeSystem.Create(ClusterNodeOptions.SystemName, Config(role, seed, port: port, pauseSeconds: pauseSeconds), NullLoggerFactory.Instance, secret);
        systems.Add(system);
        Cluster.Get(system).Join(seed);
        return system;
    }

    /// <summary>Cuts (or with <paramref name="heal"/>, restores) the link between <paramref name="a"/> and <paramref name="b"/> both ways.</summary>
    public static async Task Blackhole(ActorSystem a, ActorSystem b, bool heal = false)
    {
        ThrottleMode mode = heal ? Unthrottled.Instance : Akka.Remote.Transport.Blackhole.Instance;
        var provider = (IRemoteActorRefProvider)((ExtendedActorSystem)a).Provider;
        var sent = await provider.Transport.ManagementCommand(
            new SetThrottle(Cluster.Get(b).SelfAddress, ThrottleTransportAdapter.Direction.Both, mode));
        sent.Should().BeTrue("the throttler must accept the command");
    }

    /// <summary>Waits, bounded, for <paramref name="node"/>'s system to terminate (it was downed or left).</summary>
    public static async Task Terminated(ActorSystem node, TimeSpan bound) => await node.WhenTerminated.WaitAsync(bound);

    public void Dispose()
    {
        foreach (var system in systems) system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
