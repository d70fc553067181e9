using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Troupe.Node;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// The real-cluster options of <c>run</c> and <c>resume</c>, each defaulting to its environment variable (the contract
/// shared with deploy/; flags win): <c>--listen</c>/TROUPE_LISTEN (bind host:port; setting it turns cluster mode on),
/// <c>--hostname</c>/TROUPE_HOSTNAME and <c>--port</c>/TROUPE_PORT (advertised; default the bind ones),
/// <c>--secret</c>/TROUPE_SECRET, <c>--min-workers</c>/TROUPE_MIN_WORKERS (default 1), <c>--timing</c>/TROUPE_TIMING.
/// </summary>
internal sealed record ClusterOptions(Option<string?> Listen, Option<string?> Hostname, Option<int?> Port, Option<string?> Secret, Option<int> Min,
    Option<string> Timing)
{
    public static ClusterOptions AddTo(Command command)
    {
        var o = new ClusterOptions(
            new Option<string?>("--listen") { Description = "HOST:PORT to listen on as the cluster's coordinator node (default: TROUPE_LISTEN; unset: local workers only).", DefaultValueFactory = _ => RunCommand.Env("TROUPE_LISTEN") },
            new Option<string?>("--hostname") { Description = "Host name workers reach this node by (default: TROUPE_HOSTNAME, else the listen host).", DefaultValueFactory = _ => RunCommand.Env("TROUPE_HOSTNAME") },
            new Option<int?>("--port") { Description = "Port workers reach this node by (default: TROUPE_PORT, else the listen port).", DefaultValueFactory = _ => int.TryParse(RunCommand.Env("TROUPE_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null },
            new Option<string?>("--secret") { Description = "Cluster secret, at least 8 characters, the same on every node (default: TROUPE_SECRET).", DefaultValueFactory = _ => RunCommand.Env("TROUPE_SECRET") },
            new Option<int>("--min-workers") { Description = "Workers that must join before the sweep starts (default: TROUPE_MIN_WORKERS, else 1).", DefaultValueFactory = _ => int.TryParse(RunCommand.Env("TROUPE_MIN_WORKERS"), out var n) ? n : 1 },
            new Option<string>("--timing") { Description = "Failure detector and gossip pace: default (Akka's) or tight (tests on one machine) (default: TROUPE_TIMING).", DefaultValueFactory = _ => RunCommand.Env("TROUPE_TIMING") ?? "default" });
        foreach (var option in new Option[] { o.Listen, o.Hostname, o.Port, o.Secret, o.Min, o.Timing }) command.Options.Add(option);
        return o;
    }

    /// <summary>The node's options, or null without <c>--listen</c> (the embedded local cluster).</summary>
    /// <exception cref="ArgumentException">A malformed endpoint.</exception>
    public ClusterNodeOptions? Read(ParseResult result)
    {
        if (result.GetValue(Listen) is not { } listen) return null;
        var (host, port) = ClusterNodeOptions.ParseEndpoint("--listen", listen);
        return new ClusterNodeOptions(host, port, result.GetValue(Hostname), result.GetValue(Port), result.GetValue(Secret) ?? "", [],
            ImmutableSortedSet<string>.Empty, ImmutableDictionary<string, int>.Empty, result.GetValue(Timing) ?? "default");
    }

    public int MinWorkers(ParseResult result) => result.GetValue(Min);
}
