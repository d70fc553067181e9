using System.Globalization;
using System.Text;
using Akka.Configuration;
using Akka.Streams;

namespace Troupe.Node;

/// <summary>
/// The HOCON of a Troupe node. <see cref="Base"/> is what every actor system of the project runs with (tests too):
/// Akka's log events through <see cref="AkkaLogBridge"/>, and the pinned dispatcher model actors block on.
/// <see cref="For"/> adds remoting and Akka.Cluster for a node of a real cluster.
/// </summary>
public static class NodeConfig
{
    /// <summary>The dispatcher of actors that block their thread for a whole step (a model actor's batch).</summary>
    public const string PinnedDispatcher = "troupe.pinned-dispatcher";

    /// <summary>The address protocol of a node: Akka.Remote's DotNetty TCP transport with TLS (<c>akka.ssl.tcp://troupe@host:port</c>).</summary>
    public const string Protocol = "akka.ssl.tcp";

    /// <summary>
    /// Largest single remote message: 4 MiB (Akka: 128 kB). Checkpoints do not ride in messages (they stream in 64 KiB
    /// chunks, <see cref="Transfer.BlobTransfer"/>); the headroom is for a large sweep's assignment or metrics maps.
    /// </summary>
    public const long MaximumFrameBytes = 4L * 1024 * 1024;

    /// <summary>
    /// What every actor system of the project needs, test kits' included: the pinned dispatcher, and Akka.Streams'
    /// configuration (its stream-ref serializer, id 30: a node that receives a checkpoint's stream ref must know it
    /// before the ref arrives, not only once it has made a materializer of its own).
    /// </summary>
    public static Config Actors { get; } = ConfigurationFactory.ParseString($$"""
        {{PinnedDispatcher}} {
          type = PinnedDispatcher
        }
        """).WithFallback(ActorMaterializer.DefaultConfig());

    /// <summary>
    /// Every system of a troupe process: <see cref="Actors"/>, log events through <see cref="AkkaLogBridge"/> at
    /// <paramref name="logLevel"/> (Akka's own classes warn and above only).
    /// </summary>
    public static Config Base(string logLevel = "WARNING") => ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = {{logLevel}}
          stdout-loglevel = WARNING
          loggers = ["{{typeof(AkkaLogBridge).FullName}}, {{typeof(AkkaLogBridge).Assembly.GetName().Name}}"]
        }
        """).WithFallback(Actors);

    /// <summary>
    /// A cluster node: <c>provider = cluster</c> on DotNetty TCP with TLS (the credential comes with
    /// <see cref="NodeSystem.Create"/>) bound to the listen endpoint and advertised as the public one, seeds and roles, <c>min-nr-of-members</c> per role, the split-brain resolver and the timing preset.
    /// </summary>
    /// <exception cref="ArgumentException">See <see cref="ClusterNodeOptions.Validate"/>.</exception>
    public static Config For(ClusterNodeOptions node, string logLevel = "WARNING")
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Validate();
        var hocon = new StringBuilder();
        hocon.AppendLine("akka.actor.provider = cluster");
        Transport(hocon, node.ListenHost, node.ListenPort, node.PublicHost, node.PublicPort);
        hocon.AppendLine("akka.cluster {");
        hocon.AppendLine($"  seed-nodes = [{string.Join(", ", node.Seeds.Select(s => Quote($"{Protocol}://{ClusterNodeOptions.SystemName}@{s.Host}:{s.Port.ToString(CultureInfo.InvariantCulture)}")))}]");
        hocon.AppendLine($"  roles = [{string.Join(", ", node.Roles.Select(Quote))}]");
        foreach (var (role, n) in node.MinMembersPerRole)
            if (n > 0) hocon.AppendLine($"  role.{Quote(role)}.min-nr-of-members = {n.ToString(CultureInfo.InvariantCulture)}");
        hocon.AppendLine("}");
        return ConfigurationFactory.ParseString(hocon.ToString())
            .WithFallback(node.Timing == "tight" ? Tight : Downing)
            .WithFallback(Base(logLevel));
    }

    /// <summary>
    /// A remoting-only system (no cluster membership) that talks to cluster nodes as a peer: the same transport, TLS and
    /// frame size as <see cref="For"/> (tools, tests and benchmarks that send to a node's actors). Give
    /// <see cref="NodeSystem.Create"/> the cluster's secret.
    /// </summary>
    public static Config Remoting(string host = "127.0.0.1", int port = 0)
    {
        var hocon = new StringBuilder();
        hocon.AppendLine("akka.actor.provider = remote");
        Transport(hocon, host, port, null, null);
        return ConfigurationFactory.ParseString(hocon.ToString());
    }

    /// <summary>
    /// Downing by Akka's split-brain resolver with keep-oldest among the <c>coordinator</c> role, and down-if-alone off.
    /// Why: the coordinator owns the journal and the sweep, workers are interchangeable slots. keep-majority would down
    /// the coordinator whenever more workers than coordinators sit on the other side of a partition (always); with
    /// keep-oldest on the coordinator role the side holding the coordinator is always kept, the cut-off workers down
    /// themselves (troupe-worker then joins again as a new incarnation), and a crashed coordinator takes its workers'
    /// membership down with it until a new coordinator forms the cluster again. down-if-alone would down a coordinator
    /// cut off from all its workers: the opposite of what the journal needs. down-all-when-unstable stays on (Akka's
    /// default, 3/4 of stable-after; tight sets it longer): it is the resolver's liveness backstop, downing every node
    /// that still sees unreachable members undecided after stable-after plus that long. With it off, a chaos run saw
    /// a worker that had lost every other member sit in the old cluster for minutes with no decision while the
    /// resumed coordinator waited for it. Should it end the coordinator's node, the coordinator resumes as a new
    /// incarnation (<c>CoordinatorNode.RunSweep</c>); a worker whose coordinator stays unreachable past even that downs
    /// itself (<c>WorkerNode.UnreachableLimit</c>).
    /// </summary>
    public static Config Downing { get; } = ConfigurationFactory.ParseString("""
        akka.cluster {
          downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
          split-brain-resolver {
            active-strategy = keep-oldest
            keep-oldest {
              role = coordinator
              down-if-alone = off
            }
          }
        }
        """);

    /// <summary>
    /// For tests and chaos runs on one machine: heartbeat 250 ms, acceptable pause 1 s (a killed node is unreachable
    /// in about 1.5 s instead of Akka's 4-5 s; with 500 ms heartbeats the chaos runs measured a 2.06 s median), the
    /// resolver decides after 2 s of stable membership instead of 20 s, and gossip, leader actions and the reaper run
    /// faster. The pause stays 1 s: a loaded 2-core machine stalls threads for hundreds of milliseconds, and a 256 MB
    /// checkpoint transfer must not raise a false unreachable. The resolver's instability backstop (down-all-when-unstable)
    /// is 8 s instead of 3/4 of stable-after (1.5 s): a loaded 2-core machine under a data-parallel fault flapped
    /// reachability for 3.5 s, and the backstop is for a resolver that cannot decide, not for a slow one. Everything
    /// else stays Akka's default.
    /// </summary>
    public static Config Tight { get; } = ConfigurationFactory.ParseString("""
        akka.cluster {
          failure-detector {
            heartbeat-interval = 250ms
            acceptable-heartbeat-pause = 1s
            expected-response-after = 500ms
          }
          gossip-interval = 250ms
          leader-actions-interval = 250ms
          unreachable-nodes-reaper-interval = 250ms
          retry-unsuccessful-join-after = 1s
          split-brain-resolver {
            stable-after = 2s
            down-all-when-unstable = 8s
          }
        }
        akka.remote.retry-gate-closed-for = 500ms
        """).WithFallback(Downing);

    // TLS always: every node holds the cluster secret (ClusterNodeOptions.Validate), and NodeSystem turns it into the
    // credential. Akka.Remote 1.5.75 runs coordinated shutdown when an outbound TLS handshake fails (also when the
    // peer dies or a partition heals mid-handshake, not only on a wrong credential): workers and the coordinator come
    // back as a new incarnation in-process when that happens (troupe-worker's loop, CoordinatorIncarnations).
    private static void Transport(StringBuilder hocon, string host, int port, string? publicHost, int? publicPort)
    {
        hocon.AppendLine("akka.remote.dot-netty.tcp {");
        hocon.AppendLine("  enable-ssl = on");
        hocon.AppendLine($"  hostname = {Quote(host)}");
        hocon.AppendLine($"  port = {port.ToString(CultureInfo.InvariantCulture)}");
        if (publicHost is { Length: > 0 }) hocon.AppendLine($"  public-hostname = {Quote(publicHost)}");
        if (publicPort is { } p) hocon.AppendLine($"  public-port = {p.ToString(CultureInfo.InvariantCulture)}");
        hocon.AppendLine($"  maximum-frame-size = {MaximumFrameBytes.ToString(CultureInfo.InvariantCulture)}b");
        hocon.AppendLine($"  send-buffer-size = {MaximumFrameBytes.ToString(CultureInfo.InvariantCulture)}b");
        hocon.AppendLine($"  receive-buffer-size = {MaximumFrameBytes.ToString(CultureInfo.InvariantCulture)}b");
        hocon.AppendLine("}");
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
