namespace Troupe.Actors;

/// <summary>
/// Where an actor system lives: <c>troupe://system</c> for a purely local system, or
/// <c>troupe://system@host:port</c> once a transport (Troupe.Cluster) makes it reachable.
/// Two addresses are equal when protocol, system, host and port are equal.
/// </summary>
public sealed record Address
{
    /// <summary>The protocol of every address Troupe produces.</summary>
    public const string DefaultProtocol = "troupe";

    public Address(string protocol, string system, string? host = null, int? port = null)
    {
        if (string.IsNullOrWhiteSpace(protocol))
            throw new ArgumentException("expected a protocol, got an empty string", nameof(protocol));
        ActorPath.ValidateSystemName(system);
        if (host is not null && host.Length == 0)
            throw new ArgumentException("expected a host or null, got an empty string", nameof(host));
        if (port is < 0 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(port), port, $"expected a port in [0, 65535], got {port}");
        if ((host is null) != (port is null))
            throw new ArgumentException($"expected host and port together, got host '{host}' and port '{port}'");
        Protocol = protocol;
        System = system;
        Host = host;
        Port = port;
    }

    public string Protocol { get; }
    public string System { get; }
    public string? Host { get; }
    public int? Port { get; }

    /// <summary>True for an address without host and port: only meaningful inside its own process.</summary>
    public bool HasLocalScope => Host is null;

    /// <summary>A local-scope address of <paramref name="system"/>.</summary>
    public static Address Local(string system) => new(DefaultProtocol, system);

    /// <summary>Parses <c>protocol://system</c> or <c>protocol://system@host:port</c>.</summary>
    public static Address Parse(string text)
    {
        if (!TryParse(text, out var address, out var rest) || rest.Length != 0)
            throw new FormatException($"expected an address like 'troupe://system' or 'troupe://system@host:port', got '{text}'");
        return address;
    }

    /// <summary>Parses the address at the start of <paramref name="text"/>; <paramref name="rest"/> is what follows it.</summary>
    internal static bool TryParse(string text, out Address address, out string rest)
    {
        address = null!;
        rest = "";
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return false;
        var protocol = text[..schemeEnd];
        var afterScheme = text[(schemeEnd + 3)..];
        var pathStart = afterScheme.IndexOf('/');
        var authority = pathStart < 0 ? afterScheme : afterScheme[..pathStart];
        rest = pathStart < 0 ? "" : afterScheme[pathStart..];
        var at = authority.IndexOf('@');
        try
        {
            if (at < 0)
            {
                address = new Address(protocol, authority);
                return true;
            }
            var hostPort = authority[(at + 1)..];
            var colon = hostPort.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port)) return false;
            var host = hostPort[..colon];
            if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
            address = new Address(protocol, authority[..at], host, port);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public override string ToString()
    {
        if (Host is null) return $"{Protocol}://{System}";
        var host = Host.Contains(':') ? $"[{Host}]" : Host;
        return $"{Protocol}://{System}@{host}:{Port}";
    }
}
