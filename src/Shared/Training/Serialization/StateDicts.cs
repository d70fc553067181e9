using System.Collections;
using System.Collections.Specialized;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Troupe.Training.Serialization;

/// <summary>
/// Named tensors in PyTorch's own file format (the zip archive <c>torch.save</c> writes), through
/// TorchSharp.PyBridge: Python's <c>torch.load(path)</c> reads what <see cref="Save(IEnumerable{KeyValuePair{string, Tensor}}, string)"/>
/// writes as an ordered dict of tensors (so <c>module.load_state_dict(torch.load(path))</c> works), and
/// <see cref="Load(string)"/> reads a state dict Python saved. Order is kept on save; names must be unique and non-empty.
/// </summary>
public static class StateDicts
{
    /// <summary>Writes <paramref name="tensors"/> to <paramref name="stream"/> (left open).</summary>
    /// <exception cref="ArgumentException">A name is empty or repeated, or a tensor is null.</exception>
    public static void Save(IEnumerable<KeyValuePair<string, Tensor>> tensors, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(stream);
        var dict = new OrderedDictionary(StringComparer.Ordinal);
        // PyBridge writes a tensor's memory as it lies ("Bytes() called on non-contiguous tensor" for a view):
        // views are written through contiguous copies, freed here.
        using var scope = NewDisposeScope();
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException($"state dict: expected a non-empty name at entry {dict.Count}, got {(name is null ? "null" : "\"\"")}", nameof(tensors));
            if (tensor is null) throw new ArgumentException($"state dict: expected a tensor for '{name}', got null", nameof(tensors));
            if (dict.Contains(name)) throw new ArgumentException($"state dict: expected unique names, got '{name}' twice", nameof(tensors));
            dict.Add(name, tensor.is_contiguous() ? tensor : tensor.contiguous());
        }
        PyTorchPickler.PickleStateDict(stream, dict, leaveOpen: true);
    }

    /// <summary>Returns the bytes <see cref="Save(IEnumerable{KeyValuePair{string, Tensor}}, Stream)"/> writes.</summary>
    public static byte[] Save(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        using var buffer = new MemoryStream();
        Save(tensors, buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the state dict to <paramref name="path"/> atomically (<see cref="AtomicFile"/>).</summary>
    public static void Save(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path) => AtomicFile.Write(path, file => Save(tensors, file));

    /// <summary>Reads a state dict; the caller owns the tensors (they join the current dispose scope, if any).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a PyTorch archive of named tensors.</exception>
    public static Dictionary<string, Tensor> Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"state dict: expected a PyTorch archive of named tensors (torch.save of a dict), got bytes it cannot read ({e.Message})", e);
        }
        var result = new Dictionary<string, Tensor>(table.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is not string name || entry.Value is not Tensor tensor)
                throw new InvalidDataException($"state dict: expected string names and tensors, got {entry.Key?.GetType().Name ?? "null"} -> {entry.Value?.GetType().Name ?? "null"}");
            result[name] = tensor;
        }
        return result;
    }

    /// <summary>Reads a state dict from bytes.</summary>
    public static Dictionary<string, Tensor> Load(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = new MemoryStream(data, writable: false);
        return Load(stream);
    }

    /// <summary>Reads a state dict from a file.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"state dict: expected a file at '{path}', got none", path);
        using var file = File.OpenRead(path);
        return Load(file);
    }
}
