using System.Buffers.Binary;
using System.Text;
using Troupe.Actors;

namespace Troupe.Cluster.Serialization;

/// <summary>Serializer id 17 (as in Akka): <c>string</c> (UTF-8), <c>int</c> and <c>long</c> (little-endian).</summary>
public sealed class PrimitiveSerializer : ISerializer
{
    public const int Id = 17;

    public int Identifier => Id;

    public string Manifest(object message) => message switch
    {
        string => "S",
        int => "I",
        long => "L",
        _ => throw new ArgumentException($"expected a string, int or long, got {message.GetType().Name}", nameof(message)),
    };

    public byte[] ToBinary(object message) => message switch
    {
        string s => Encoding.UTF8.GetBytes(s),
        int i => LittleEndian(i),
        long l => LittleEndian(l),
        _ => throw new ArgumentException($"expected a string, int or long, got {message.GetType().Name}", nameof(message)),
    };

    private static byte[] LittleEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] LittleEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    public object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "S" => Encoding.UTF8.GetString(bytes),
        "I" when bytes.Length == 4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        "L" when bytes.Length == 8 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        _ => throw new InvalidOperationException($"expected manifest S, I (4 bytes) or L (8 bytes), got '{manifest}' with {bytes.Length} bytes"),
    };
}
