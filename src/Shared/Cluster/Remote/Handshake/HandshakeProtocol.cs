using Google.Protobuf;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Cluster.Remote.Framing;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Handshake;

/// <summary>
/// The association handshake, four frames:
/// <code>
/// initiator                                   acceptor
///   Hello(version, uid_i, nonce_i, target) ->
///                                          &lt;- Challenge(version, uid_a, nonce_a, proof_a)
///   Proof(proof_i)                          ->
///                                          &lt;- Accept
/// </code>
/// Each side checks the other's protocol version, system name and HMAC proof (<see cref="HandshakeMac"/>);
/// the first side that finds a mismatch sends <c>Reject(reason)</c> and both close. A side never proves
/// itself before it has seen the other's nonce, so neither proof can be replayed.
/// </summary>
public static class HandshakeProtocol
{
    /// <summary>The wire protocol version this build speaks; peers must speak the same.</summary>
    public const uint ProtocolVersion = 1;

    /// <summary>Runs the initiator's side; returns the acceptor's incarnation.</summary>
    /// <exception cref="HandshakeException">with the reason the handshake failed.</exception>
    public static async Task<UniqueAddress> InitiateAsync(
        FrameReader reader, FrameWriter writer, ClusterSecret secret, UniqueAddress self, NodeAddress target,
        Func<UniqueAddress, bool> isQuarantined, CancellationToken cancellationToken)
    {
        var nonce = HandshakeMac.NewNonce();
        writer.Write(new Pdu { Hello = new HandshakeHello { ProtocolVersion = ProtocolVersion, From = self.ToProto(), Nonce = ByteString.CopyFrom(nonce), To = target.ToProto() } });
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

        var pdu = await ReadAsync(reader, Pdu.KindOneofCase.Challenge, writer, cancellationToken).ConfigureAwait(false);
        var challenge = pdu.Challenge;
        if (challenge.ProtocolVersion != ProtocolVersion)
            throw await RejectAsync(writer, $"expected protocol version {ProtocolVersion}, got {challenge.ProtocolVersion} from {target}", false, cancellationToken).ConfigureAwait(false);
        var remote = await ParseAsync(challenge.From, writer, cancellationToken).ConfigureAwait(false);
        if (remote.Address.System != target.System)
            throw await RejectAsync(writer, $"expected actor system '{target.System}' at {target}, got '{remote.Address.System}'", false, cancellationToken).ConfigureAwait(false);
        if (challenge.Nonce.Length != HandshakeMac.NonceSize)
            throw await RejectAsync(writer, $"expected a nonce of {HandshakeMac.NonceSize} bytes, got {challenge.Nonce.Length}", false, cancellationToken).ConfigureAwait(false);
        var expected = HandshakeMac.Acceptor(secret, nonce, challenge.Nonce.Span, self.Uid, remote.Uid);
        if (!HandshakeMac.Matches(expected, challenge.Proof.Span))
            throw await RejectAsync(writer, $"wrong cluster secret: {remote} did not prove the shared secret", false, cancellationToken).ConfigureAwait(false);
        if (isQuarantined(remote))
            throw await RejectAsync(writer, $"{remote} is quarantined by {self}", true, cancellationToken).ConfigureAwait(false);

        var proof = HandshakeMac.Initiator(secret, nonce, challenge.Nonce.Span, self.Uid, remote.Uid);
        writer.Write(new Pdu { Proof = new HandshakeProof { Proof = ByteString.CopyFrom(proof) } });
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

        await ReadAsync(reader, Pdu.KindOneofCase.Accept, writer, cancellationToken).ConfigureAwait(false);
        return remote;
    }

    /// <summary>Runs the acceptor's side; returns the initiator's incarnation.</summary>
    /// <exception cref="HandshakeException">with the reason the handshake failed.</exception>
    public static async Task<UniqueAddress> AcceptAsync(
        FrameReader reader, FrameWriter writer, ClusterSecret secret, UniqueAddress self,
        Func<UniqueAddress, bool> isQuarantined, CancellationToken cancellationToken)
    {
        var pdu = await ReadAsync(reader, Pdu.KindOneofCase.Hello, writer, cancellationToken).ConfigureAwait(false);
        var hello = pdu.Hello;
        if (hello.ProtocolVersion != ProtocolVersion)
            throw await RejectAsync(writer, $"expected protocol version {ProtocolVersion}, got {hello.ProtocolVersion}", false, cancellationToken).ConfigureAwait(false);
        var remote = await ParseAsync(hello.From, writer, cancellationToken).ConfigureAwait(false);
        if (hello.To is null || hello.To.System != self.Address.System)
            throw await RejectAsync(writer, $"expected actor system '{self.Address.System}', got a handshake for '{hello.To?.System}' from {remote}", false, cancellationToken).ConfigureAwait(false);
        if (hello.Nonce.Length != HandshakeMac.NonceSize)
            throw await RejectAsync(writer, $"expected a nonce of {HandshakeMac.NonceSize} bytes, got {hello.Nonce.Length} from {remote}", false, cancellationToken).ConfigureAwait(false);
        if (isQuarantined(remote))
            throw await RejectAsync(writer, $"{remote} is quarantined by {self}", true, cancellationToken).ConfigureAwait(false);

        var nonce = HandshakeMac.NewNonce();
        var proof = HandshakeMac.Acceptor(secret, hello.Nonce.Span, nonce, remote.Uid, self.Uid);
        writer.Write(new Pdu { Challenge = new HandshakeChallenge { ProtocolVersion = ProtocolVersion, From = self.ToProto(), Nonce = ByteString.CopyFrom(nonce), Proof = ByteString.CopyFrom(proof) } });
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

        pdu = await ReadAsync(reader, Pdu.KindOneofCase.Proof, writer, cancellationToken).ConfigureAwait(false);
        var expected = HandshakeMac.Initiator(secret, hello.Nonce.Span, nonce, remote.Uid, self.Uid);
        if (!HandshakeMac.Matches(expected, pdu.Proof.Proof.Span))
            throw await RejectAsync(writer, $"wrong cluster secret: {remote} did not prove the shared secret", false, cancellationToken).ConfigureAwait(false);

        writer.Write(new Pdu { Accept = new HandshakeAccept() });
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return remote;
    }

    private static async Task<Pdu> ReadAsync(FrameReader reader, Pdu.KindOneofCase expected, FrameWriter writer, CancellationToken cancellationToken)
    {
        var pdu = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                  ?? throw new HandshakeException($"connection closed during the handshake, expected {expected}");
        if (pdu.KindCase == Pdu.KindOneofCase.Reject)
            throw new HandshakeException($"handshake refused by the peer: {pdu.Reject.Reason}", pdu.Reject.Quarantined, byPeer: true);
        if (pdu.KindCase != expected)
            throw await RejectAsync(writer, $"expected a handshake {expected} frame, got {pdu.KindCase}", false, cancellationToken).ConfigureAwait(false);
        return pdu;
    }

    private static async Task<UniqueAddress> ParseAsync(UniqueAddressData? data, FrameWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            return UniqueAddress.FromProto(data);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw await RejectAsync(writer, $"invalid peer address in the handshake: {e.Message}", false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tells the peer why, then returns the exception for the caller to throw.</summary>
    private static async Task<HandshakeException> RejectAsync(FrameWriter writer, string reason, bool quarantined, CancellationToken cancellationToken)
    {
        try
        {
            writer.Write(new Pdu { Reject = new HandshakeReject { Reason = reason, Quarantined = quarantined } });
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            return new HandshakeException($"{reason} (the peer left before it could be told: {e.Message})", quarantined, e);
        }
        return new HandshakeException(reason, quarantined);
    }
}
