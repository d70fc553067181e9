using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Troupe.Cluster.Remote.Handshake;

/// <summary>
/// The proofs of the shared secret: HMAC-SHA256 keyed with the secret over a role label, both nonces and
/// both uids. The role label keeps one side's proof from being replayed as the other's; the fresh nonces
/// of both sides keep a recorded handshake from being replayed at all.
/// </summary>
public static class HandshakeMac
{
    /// <summary>Bytes of each nonce.</summary>
    public const int NonceSize = 32;

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    /// <summary>The initiator's proof.</summary>
    public static byte[] Initiator(ClusterSecret secret, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> acceptorNonce, ulong initiatorUid, ulong acceptorUid) =>
        Compute(secret, "troupe-initiator"u8, initiatorNonce, acceptorNonce, initiatorUid, acceptorUid);

    /// <summary>The acceptor's proof.</summary>
    public static byte[] Acceptor(ClusterSecret secret, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> acceptorNonce, ulong initiatorUid, ulong acceptorUid) =>
        Compute(secret, "troupe-acceptor"u8, initiatorNonce, acceptorNonce, initiatorUid, acceptorUid);

    /// <summary>Constant-time comparison, so the check leaks nothing about the expected proof.</summary>
    public static bool Matches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        CryptographicOperations.FixedTimeEquals(expected, actual);

    private static byte[] Compute(ClusterSecret secret, ReadOnlySpan<byte> role, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> acceptorNonce, ulong initiatorUid, ulong acceptorUid)
    {
        var data = new byte[role.Length + initiatorNonce.Length + acceptorNonce.Length + 16];
        var span = data.AsSpan();
        role.CopyTo(span);
        span = span[role.Length..];
        initiatorNonce.CopyTo(span);
        span = span[initiatorNonce.Length..];
        acceptorNonce.CopyTo(span);
        span = span[acceptorNonce.Length..];
        BinaryPrimitives.WriteUInt64BigEndian(span, initiatorUid);
        BinaryPrimitives.WriteUInt64BigEndian(span[8..], acceptorUid);
        return HMACSHA256.HashData(secret.Key, data);
    }
}
