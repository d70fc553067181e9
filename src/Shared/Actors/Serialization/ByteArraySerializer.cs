namespace Troupe.Actors;

/// <summary>Passes <c>byte[]</c> messages through unchanged (identifier 4, as in Akka).</summary>
public sealed class ByteArraySerializer : ISerializer
{
    public const int Id = 4;

    public int Identifier => Id;

    public string Manifest(object message) => "";

    public byte[] ToBinary(object message) =>
        message as byte[] ?? throw new ArgumentException($"expected byte[], got {message?.GetType().Name ?? "null"}", nameof(message));

    public object FromBinary(byte[] bytes, string manifest) => bytes;
}
