using Akka.Actor;
using Akka.Streams;

namespace Troupe.Node.Transfer;

/// <summary>
/// The stream ref of a <see cref="BlobOffer"/> as bytes inside another serializer's message (Troupe's protobuf
/// messages): Akka.Streams' own serializer for stream refs (id 30) writes it, so it is what Akka would send on its own.
/// </summary>
public static class BlobRefWire
{
    /// <summary>The ref's bytes, its serializer id and manifest.</summary>
    /// <remarks>
    /// The ref's actor path is written with this node's address even outside a remoting send (Akka writes local
    /// refs without an address unless a transport is current, and another node would then look the path up at home).
    /// </remarks>
    public static (byte[] Bytes, int SerializerId, string Manifest) ToBinary(ActorSystem system, ISourceRef<byte[]> source)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(source);
        var serializer = system.Serialization.FindSerializerFor(source);
        var bytes = Akka.Serialization.Serialization.WithTransport((ExtendedActorSystem)system, () => serializer.ToBinary(source));
        return (bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, source));
    }

    /// <summary>The ref written by <see cref="ToBinary"/>.</summary>
    /// <exception cref="ArgumentException">The bytes are not a stream ref of byte chunks.</exception>
    public static ISourceRef<byte[]> FromBinary(ActorSystem system, byte[] bytes, int serializerId, string manifest)
    {
        ArgumentNullException.ThrowIfNull(system);
        var value = system.Serialization.Deserialize(bytes, serializerId, manifest);
        return value as ISourceRef<byte[]>
            ?? throw new ArgumentException($"expected a stream ref of byte[] chunks, got {value?.GetType().Name ?? "null"} (serializer {serializerId}, manifest '{manifest}')", nameof(bytes));
    }
}
