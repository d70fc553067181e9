using System.Text;

namespace Troupe.Cluster.Remote.Handshake;

/// <summary>
/// The shared secret every node of one cluster proves during the handshake. It comes from configuration
/// or, when that is empty, from the <see cref="EnvironmentVariable"/> environment variable.
/// </summary>
public sealed class ClusterSecret
{
    /// <summary>The environment variable read when no secret is configured.</summary>
    public const string EnvironmentVariable = "TROUPE_CLUSTER_SECRET";

    /// <summary>Shorter secrets are refused: the HMAC is only as strong as its key.</summary>
    public const int MinimumLength = 8;

    private readonly byte[] _key;

    private ClusterSecret(byte[] key) => _key = key;

    /// <summary>The secret's bytes (UTF-8 of the configured text).</summary>
    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>A secret from its text.</summary>
    public static ClusterSecret FromText(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinimumLength)
            throw new ArgumentException($"expected a cluster secret of at least {MinimumLength} characters, got {secret.Length}", nameof(secret));
        return new ClusterSecret(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>
    /// The configured secret when there is one, else the one in <c>TROUPE_CLUSTER_SECRET</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">neither is set.</exception>
    public static ClusterSecret Resolve(string? configured)
    {
        if (!string.IsNullOrEmpty(configured)) return FromText(configured);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return FromText(fromEnvironment);
        throw new InvalidOperationException(
            $"expected a cluster secret in the configuration or in the {EnvironmentVariable} environment variable, got neither");
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"ClusterSecret({_key.Length} bytes)";
}
