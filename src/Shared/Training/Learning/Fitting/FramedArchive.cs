using System.Buffers.Binary;

namespace Troupe.Training.Learning;

/// <summary>
/// The container Troupe's checkpoints and pretrained weights share: an 8-byte magic, a little-endian int32 length,
/// that many bytes of UTF-8 JSON metadata, then a PyTorch archive of the tensors. One place reads and writes it,
/// so both refuse foreign or truncated bytes the same way.
/// </summary>
internal static class FramedArchive
{
    public static byte[] Write(ReadOnlySpan<byte> magic, ReadOnlySpan<byte> json, ReadOnlySpan<byte> tensors)
    {
        var result = new byte[magic.Length + 4 + json.Length + tensors.Length];
        magic.CopyTo(result);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(magic.Length), json.Length);
        json.CopyTo(result.AsSpan(magic.Length + 4));
        tensors.CopyTo(result.AsSpan(magic.Length + 4 + json.Length));
        return result;
    }

    /// <exception cref="InvalidDataException">the bytes do not start with <paramref name="magic"/> or are truncated.</exception>
    public static (byte[] Json, byte[] Tensors) Read(ReadOnlySpan<byte> data, ReadOnlySpan<byte> magic, string what)
    {
        var name = System.Text.Encoding.ASCII.GetString(magic);
        if (data.Length < magic.Length + 4 || !data[..magic.Length].SequenceEqual(magic))
            throw new InvalidDataException($"{what}: expected bytes starting with '{name}', got {Math.Min(data.Length, magic.Length)} bytes that do not");
        var length = BinaryPrimitives.ReadInt32LittleEndian(data[magic.Length..]);
        var start = magic.Length + 4;
        if (length < 2 || length > data.Length - start)
            throw new InvalidDataException($"{what}: expected {length} bytes of metadata, got {data.Length - start} bytes after the header");
        return (data.Slice(start, length).ToArray(), data[(start + length)..].ToArray());
    }
}
