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

    /// <param name="data">The whole file.</param>
    /// <param name="magic">The format's 8-byte tag.</param>
    /// <param name="what">What the file is, for error messages.</param>
    /// <param name="retired">Earlier magics of the same kind of file and what they were: named in the error instead of "not a file of this kind".</param>
    /// <exception cref="InvalidDataException">the bytes do not start with <paramref name="magic"/> or are truncated.</exception>
    public static (byte[] Json, byte[] Tensors) Read(ReadOnlySpan<byte> data, ReadOnlySpan<byte> magic, string what, IReadOnlyDictionary<string, string>? retired = null)
    {
        var name = System.Text.Encoding.ASCII.GetString(magic);
        if (retired is not null && data.Length >= magic.Length
            && retired.TryGetValue(System.Text.Encoding.ASCII.GetString(data[..magic.Length]), out var was))
            throw new InvalidDataException($"{what}: expected the '{name}' format, got '{System.Text.Encoding.ASCII.GetString(data[..magic.Length])}': {was}");
        if (data.Length < magic.Length + 4 || !data[..magic.Length].SequenceEqual(magic))
            throw new InvalidDataException($"{what}: expected bytes starting with '{name}', got {Math.Min(data.Length, magic.Length)} bytes that do not");
        var length = BinaryPrimitives.ReadInt32LittleEndian(data[magic.Length..]);
        var start = magic.Length + 4;
        if (length < 2 || length > data.Length - start)
            throw new InvalidDataException($"{what}: expected {length} bytes of metadata, got {data.Length - start} bytes after the header");
        return (data.Slice(start, length).ToArray(), data[(start + length)..].ToArray());
    }
}
