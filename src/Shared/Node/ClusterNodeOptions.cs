using System.Collections.Immutable;
using System.Globalization;

namespace Troupe.Node;

/// <summary>
/// How an executable node (troupe-coordinator, troupe-worker) joins a cluster, as its command line and environment
/// give it: bind endpoint (<c>TROUPE_LISTEN</c>), advertised host and port (<c>TROUPE_HOSTNAME</c>, <c>TROUPE_PORT</c>;
/// Akka's <c>public-hostname</c>/<c>public-port</c>, default the bind ones), the cluster secret (<c>TROUPE_SECRET</c>),
/// the seeds (<c>TROUPE_SEED</c>, comma separated <c>host:port</c>; a node with none forms the cluster), its roles,
/// the per-role member minimums and the failure-detector timing (<c>TROUPE_TIMING</c>: <c>default</c> = Akka's,
/// <c>tight</c> = for tests on one machine). <see cref="NodeConfig.For"/> turns it into HOCON.
/// </summary>
public sealed record ClusterNodeOptions(
    string ListenHost, int ListenPort, string? PublicHost, int? PublicPort, string Secret, ImmutableArray<(string Host, int Port)> Seeds,
    ImmutableSortedSet<string> Roles, ImmutableDictionary<string, int> MinMembersPerRole, string Timing)
{
    /// <summary>Every node of one Troupe cluster names its actor system this (Akka only joins systems of one name).</summary>
    public const string SystemName = "troupe";

    /// <summary><c>host:port</c> (an IPv6 host in brackets) → its parts.</summary>
    /// <exception cref="ArgumentException">Not host:port with a port in 0..65535.</exception>
    public static (string Host, int Port) ParseEndpoint(string what, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            throw new ArgumentException($"{what}: expected HOST:PORT, got '{text}'");
        return (text[..colon].Trim('[', ']'), port);
    }

    /// <summary>The seeds of <c>TROUPE_SEED</c> / <c>--seed</c>: <c>host:port[,host:port...]</c>.</summary>
    public static ImmutableArray<(string Host, int Port)> ParseSeeds(string what, string? text) =>
        text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => ParseEndpoint(what, s))];

    /// <summary>Checks what HOCON cannot: a secret of 8 or more characters (the TLS credential, <see cref="ClusterCredential"/>), the timing is known, the ports are in range.</summary>
    /// <exception cref="ArgumentException">A missing or short secret, an unknown timing, a bad port.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Secret)) throw new ArgumentException("expected a cluster secret (--secret or TROUPE_SECRET), got none");
        if (Secret.Length < 8) throw new ArgumentException($"expected a cluster secret of at least 8 characters (--secret or TROUPE_SECRET), got {Secret.Length}");
        if (Timing is not ("default" or "tight")) throw new ArgumentException($"TROUPE_TIMING: expected default or tight, got '{Timing}'");
        if (PublicPort is < 1 or > 65535) throw new ArgumentException($"TROUPE_PORT: expected a port in 1..65535, got {PublicPort}");
        if (ListenPort is < 0 or > 65535) throw new ArgumentException($"TROUPE_LISTEN: expected a port in 0..65535, got {ListenPort}");
        foreach (var (role, n) in MinMembersPerRole)
            if (n < 0) throw new ArgumentException($"min-nr-of-members of role {role}: expected >= 0, got {n}");
    }
}
