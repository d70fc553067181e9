namespace Troupe.Actors;

/// <summary>
/// Turns messages into bytes and back for a transport. <see cref="Identifier"/> travels with the
/// bytes and must be unique and stable across versions; the manifest tells the serializer what to
/// rebuild (e.g. a protobuf type name).
/// </summary>
public interface ISerializer
{
    int Identifier { get; }

    string Manifest(object message);

    byte[] ToBinary(object message);

    object FromBinary(byte[] bytes, string manifest);
}
