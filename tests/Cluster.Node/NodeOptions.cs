using System.Collections.Immutable;
using Troupe.Actors;
using Troupe.Cluster;
using Troupe.Cluster.Remote.Handshake;
using Troupe.Cluster.Remote.Transport;

namespace Troupe.ClusterNode;

/// <summary>
/// Command line of a node: <c>--host H --port P [--seeds troupe://cluster@h:p,...] [--roles a,b] [--system cluster]
/// [--secret S] [--timing default|tight] [--fd-pause-ms N] [--min-members N]</c>.
/// </summary>
public sealed record NodeOptions(string Host, int Port, ImmutableArray<Address> Seeds, ImmutableSortedSet<string> Roles,
    string System, string Secret, string Timing, int? PauseMs, int MinMembers)
{
    public const string Usage =
        "usage: Troupe.Cluster.Node --host H --port P [--seeds troupe://sys@h:p,...] [--roles a,b] [--system cluster] [--secret S] [--timing default|tight] [--fd-pause-ms N] [--min-members N]";

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
        var port = int.Parse(Get("port", "0"));
        var seeds = Get("seeds", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseAddress).ToImmutableArray();
        var roles = Get("roles", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToImmutableSortedSet(StringComparer.Ordinal);
        var system = Get("system", "cluster");
        var secret = Get("secret", "troupe-test-secret");
        var timing = Get("timing", "tight");
        if (timing is not ("tight" or "default")) throw new ArgumentException($"expected --timing tight or default, got '{timing}'");
        int? pause = values.ContainsKey("fd-pause-ms") ? int.Parse(Get("fd-pause-ms", "")) : null;
        var minMembers = int.Parse(Get("min-members", "1"));
        if (values.Count > 0) throw new ArgumentException($"expected known options, got --{string.Join(", --", values.Keys)}");
        return new NodeOptions(host, port, seeds, roles, system, secret, timing, pause, minMembers);
    }

    public ClusterSettings ToSettings()
    {
        var transport = new TransportSettings(System, ClusterSecret.FromText(Secret))
        {
            BindHost = Host,
            BindPort = Port,
            ReconnectBackoffMin = TimeSpan.FromMilliseconds(50),
            ReconnectBackoffMax = TimeSpan.FromMilliseconds(500),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            HandshakeTimeout = TimeSpan.FromSeconds(3),
        };
        var settings = Timing == "tight" ? ClusterSettings.Tight(transport) : ClusterSettings.Default(transport);
        if (PauseMs is { } pause) settings = settings with { FailureDetector = settings.FailureDetector with { AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(pause) } };
        return settings with
        {
            SeedNodes = Seeds,
            Roles = Roles,
            Membership = settings.Membership with { MinNrOfMembers = MinMembers },
        };
    }

    private static Address ParseAddress(string text)
    {
        var node = Troupe.Cluster.Remote.Addressing.NodeAddress.Parse(text);
        return new Address(Address.DefaultProtocol, node.System, node.Host, node.Port);
    }
}
