using System.Collections.Immutable;
using System.Globalization;
using Akka.Configuration;
using Troupe.Node;

namespace Troupe.ClusterNode;

/// <summary>
/// Command line of a node: <c>--host H --port P [--seeds h:p,...] [--roles a,b] [--secret S] [--timing default|tight]
/// [--fd-pause-ms N] [--min-members N]</c>. The node runs Troupe's own cluster configuration
/// (<see cref="NodeConfig.For"/>); <c>--fd-pause-ms</c> and <c>--min-members</c> adjust it for a test.
/// </summary>
public sealed record NodeOptions(ClusterNodeOptions Node, int? PauseMs, int MinMembers)
{
    public const string Usage =
        "usage: Troupe.Cluster.Node --host H --port P [--seeds h:p,...] [--roles a,b] [--secret S] [--timing default|tight] [--fd-pause-ms N] [--min-members N]";

    /// <exception cref="ArgumentException">an unknown option, a missing value or a malformed one.</exception>
    public static NodeOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected '--option value' pairs, got '{args[i]}'");
            values[args[i][2..]] = args[i + 1];
        }
        string Get(string key, string fallback) => values.Remove(key, out var v) ? v : fallback;
        var host = Get("host", "127.0.0.1");
        var port = int.Parse(Get("port", "0"), CultureInfo.InvariantCulture);
        var seeds = ClusterNodeOptions.ParseSeeds("--seeds", Get("seeds", ""));
        var roles = Get("roles", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToImmutableSortedSet(StringComparer.Ordinal);
        var secret = Get("secret", "troupe-test-secret");
        var timing = Get("timing", "tight");
        int? pause = values.ContainsKey("fd-pause-ms") ? int.Parse(Get("fd-pause-ms", ""), CultureInfo.InvariantCulture) : null;
        var minMembers = int.Parse(Get("min-members", "1"), CultureInfo.InvariantCulture);
        if (values.Count > 0) throw new ArgumentException($"expected known options, got --{string.Join(", --", values.Keys)}");
        var node = new ClusterNodeOptions(host, port, null, null, secret, seeds, roles, ImmutableDictionary<string, int>.Empty, timing);
        node.Validate();
        return new NodeOptions(node, pause, minMembers);
    }

    public Config ToConfig()
    {
        // SIGTERM is this process's own (it leaves the cluster), not the CLR exit hook's.
        var overrides = "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off\n"
            + $"akka.cluster.min-nr-of-members = {MinMembers.ToString(CultureInfo.InvariantCulture)}\n"
            + (PauseMs is { } pause ? $"akka.cluster.failure-detector.acceptable-heartbeat-pause = {pause.ToString(CultureInfo.InvariantCulture)}ms\n" : "");
        return ConfigurationFactory.ParseString(overrides).WithFallback(NodeConfig.For(Node, "INFO"));
    }
}
