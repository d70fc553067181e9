using System.Globalization;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Addressing;

/// <summary>
/// Where an actor system can be reached: <c>troupe://system@host:port</c>. Ordered by host, then port,
/// then system name; the cluster's "lowest address" (leader choice, keep-majority ties) uses this order.
/// </summary>
public sealed record NodeAddress(string System, string Host, int Port) : IComparable<NodeAddress>
{
    /// <summary>The only scheme Troupe speaks.</summary>
    public const string Scheme = "troupe";

    public string System { get; } = ValidateSystem(System);
    public string Host { get; } = string.IsNullOrWhiteSpace(Host)
        ? throw new ArgumentException("expected a host name, got an empty string", nameof(Host)) : Host;
    public int Port { get; } = Port is >= 0 and <= 65535
        ? Port : throw new ArgumentOutOfRangeException(nameof(Port), $"expected a port in [0, 65535], got {Port}");

    /// <summary>Parses <c>troupe://system@host:port</c> (IPv6 hosts in brackets).</summary>
    public static NodeAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string prefix = Scheme + "://";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
            throw new FormatException($"expected an address like troupe://system@host:port, got '{text}'");
        var rest = text[prefix.Length..];
        var slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        var at = rest.IndexOf('@');
        var colon = rest.LastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == rest.Length - 1)
            throw new FormatException($"expected an address like troupe://system@host:port, got '{text}'");
        var host = rest[(at + 1)..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            throw new FormatException($"expected a numeric port in '{text}', got '{rest[(colon + 1)..]}'");
        return new NodeAddress(rest[..at], host, port);
    }

    public int CompareTo(NodeAddress? other)
    {
        if (other is null) return 1;
        var c = string.CompareOrdinal(Host, other.Host);
        if (c != 0) return c;
        c = Port.CompareTo(other.Port);
        return c != 0 ? c : string.CompareOrdinal(System, other.System);
    }

    public override string ToString() =>
        Host.Contains(':') ? $"{Scheme}://{System}@[{Host}]:{Port}" : $"{Scheme}://{System}@{Host}:{Port}";

    public AddressData ToProto() => new() { System = System, Host = Host, Port = (uint)Port, Protocol = Scheme };

    public static NodeAddress FromProto(AddressData? data)
    {
        if (data is null) throw new FormatException("expected an address, got none");
        if (data.Protocol.Length > 0 && data.Protocol != Scheme)
            throw new FormatException($"expected protocol '{Scheme}', got '{data.Protocol}'");
        if (data.Port > 65535) throw new FormatException($"expected a port in [0, 65535], got {data.Port}");
        return new NodeAddress(data.System, data.Host, (int)data.Port);
    }

    private static string ValidateSystem(string system)
    {
        if (string.IsNullOrEmpty(system) || !system.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"expected a system name of ASCII letters, digits, '-' or '_', got '{system}'", nameof(System));
        return system;
    }
}
