using System.Security.Cryptography;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Addressing;

/// <summary>
/// One incarnation of an actor system: its address plus a random uid chosen at start. A process
/// restarted on the same host and port is a new incarnation (a new uid). Ordered by address, then uid.
/// </summary>
public sealed record UniqueAddress(NodeAddress Address, ulong Uid) : IComparable<UniqueAddress>
{
    public ulong Uid { get; } = Uid != 0 ? Uid : throw new ArgumentOutOfRangeException(nameof(Uid), "expected a non-zero uid, got 0");

    /// <summary>A fresh non-zero random uid.</summary>
    public static ulong NewUid()
    {
        Span<byte> bytes = stackalloc byte[8];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var uid = BitConverter.ToUInt64(bytes);
            if (uid != 0) return uid;
        }
    }

    public int CompareTo(UniqueAddress? other)
    {
        if (other is null) return 1;
        var c = Address.CompareTo(other.Address);
        return c != 0 ? c : Uid.CompareTo(other.Uid);
    }

    public override string ToString() => $"{Address}#{Uid}";

    public UniqueAddressData ToProto() => new() { Address = Address.ToProto(), Uid = Uid };

    public static UniqueAddress FromProto(UniqueAddressData? data)
    {
        if (data is null) throw new FormatException("expected a unique address, got none");
        if (data.Uid == 0) throw new FormatException("expected a non-zero uid, got 0");
        return new UniqueAddress(NodeAddress.FromProto(data.Address), data.Uid);
    }
}
