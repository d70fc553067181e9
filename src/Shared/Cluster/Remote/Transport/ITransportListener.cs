using Troupe.Cluster.Remote.Addressing;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Transport;

/// <summary>
/// What a <see cref="TcpTransport"/> reports to the layer above (the remote actor-ref provider, the cluster).
/// Callbacks run on transport threads and must not block; envelopes from one peer arrive in the order sent.
/// </summary>
public interface ITransportListener
{
    /// <summary>A complete (reassembled) envelope from <paramref name="from"/>.</summary>
    void OnEnvelope(UniqueAddress from, Envelope envelope);

    /// <summary>A handshake completed.</summary>
    void OnAssociated(UniqueAddress remote, AssociationDirection direction) { }

    /// <summary>A connection to or from <paramref name="remote"/> closed; <paramref name="cause"/> is null on a clean close.</summary>
    void OnDisassociated(NodeAddress remote, AssociationDirection direction, Exception? cause) { }

    /// <summary>A handshake showed a different uid at an address than the last one seen there: the peer restarted.</summary>
    void OnNewIncarnation(UniqueAddress previous, UniqueAddress current) { }

    /// <summary>An envelope that will not be delivered (dead letter), with the reason.</summary>
    void OnDropped(NodeAddress recipient, Envelope envelope, string reason) { }

    /// <summary>A peer refused this incarnation as quarantined: this node must not go on under its uid.</summary>
    void OnQuarantinedByPeer(NodeAddress remote, string reason) { }
}
