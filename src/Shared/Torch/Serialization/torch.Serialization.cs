using TorchSharp.Native;

namespace TorchSharp;

public static partial class torch
{
    /// <summary>
    /// Saves named tensors (a state dict, optimizer state, a checkpoint) to <paramref name="path"/> in
    /// PyTorch's format: Python's <c>torch.load(path)</c> reads it back as a dict. Order is kept;
    /// tensors are stored detached, on the CPU. The file is replaced atomically. Scalars such as the
    /// epoch travel as 0-d tensors.
    /// </summary>
    /// <exception cref="ArgumentException">A name is null, empty or repeated.</exception>
    /// <exception cref="TorchException">The file cannot be written.</exception>
    public static unsafe void save(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (names, values) = Split(tensors);
        using var nameArray = new Utf8StringArray(names);
        using var lease = new TensorHandleLease(values, "save");
        fixed (IntPtr* n = nameArray.Pointers)
        fixed (IntPtr* t = lease.Pointers)
            NativeError.Check(NativeMethods.trp_serialize_save_file(n, t, names.Count, path));
    }

    /// <summary>Writes the archive <see cref="save(IEnumerable{KeyValuePair{string, Tensor}}, string)"/> would write to <paramref name="stream"/>.</summary>
    public static unsafe void save(IEnumerable<KeyValuePair<string, Tensor>> tensors, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (names, values) = Split(tensors);
        using var nameArray = new Utf8StringArray(names);
        using var lease = new TensorHandleLease(values, "save");
        NativeBytesHandle bytes;
        fixed (IntPtr* n = nameArray.Pointers)
        fixed (IntPtr* t = lease.Pointers)
            bytes = NativeBytesHandle.From(NativeMethods.trp_serialize_save_bytes(n, t, names.Count));
        using (bytes) bytes.WriteTo(stream);
    }

    /// <summary>The archive as bytes (checkpoints that travel between nodes).</summary>
    public static byte[] save(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        using var buffer = new MemoryStream();
        save(tensors, buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Loads named tensors saved by <c>save</c> (or by Python's <c>torch.save</c> of a dict of
    /// tensors), in file order, as new CPU tensors owned by the caller (and the current dispose scope).
    /// </summary>
    /// <exception cref="TorchException">The file is missing, truncated, corrupt or not a dict of tensors.</exception>
    public static OrderedDictionary<string, Tensor> load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var dict = TensorDictHandle.From(NativeMethods.trp_serialize_load_file(path));
        return dict.ToDictionary();
    }

    /// <summary>Loads an archive from the bytes <c>save</c> produced.</summary>
    public static unsafe OrderedDictionary<string, Tensor> load(ReadOnlySpan<byte> data)
    {
        TensorDictHandle dict;
        fixed (byte* p = data)
            dict = TensorDictHandle.From(NativeMethods.trp_serialize_load_bytes(p, data.Length));
        using (dict) return dict.ToDictionary();
    }

    /// <summary>Loads an archive from the rest of <paramref name="stream"/>.</summary>
    public static OrderedDictionary<string, Tensor> load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return load(new ReadOnlySpan<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static (List<string> Names, List<Tensor> Tensors) Split(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = new List<string>();
        var values = new List<Tensor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException($"save: expected a non-empty name at index {names.Count}, got {(name is null ? "null" : "\"\"")}", nameof(tensors));
            if (name.Contains('\0'))
                throw new ArgumentException($"save: expected a name without NUL characters, got '{name.Replace("\0", "\\0")}'", nameof(tensors));
            if (!seen.Add(name)) throw new ArgumentException($"save: expected unique names, got '{name}' twice", nameof(tensors));
            if (tensor is null) throw new ArgumentException($"save: expected a tensor for '{name}', got null", nameof(tensors));
            names.Add(name);
            values.Add(tensor);
        }
        return (names, values);
    }
}
