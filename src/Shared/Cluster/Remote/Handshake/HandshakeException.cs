namespace Troupe.Cluster.Remote.Handshake;

/// <summary>
/// A handshake that did not open an association: wrong secret, protocol version or system name, a
/// quarantined incarnation, an unexpected frame or a timeout. <c>Message</c> is the reason that is
/// logged and, where the other side is still listening, sent to it.
/// </summary>
public sealed class HandshakeException(string reason, bool quarantined = false, Exception? inner = null, bool byPeer = false)
    : Exception(reason, inner)
{
    /// <summary>The other side refused (its reason); false when this side refused or the connection failed.</summary>
    public bool ByPeer { get; } = byPeer;

    /// <summary>The peer (or we) refused this incarnation because it is quarantined.</summary>
    public bool Quarantined { get; } = quarantined;
}
