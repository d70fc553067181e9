using System.Collections;
using System.Text;
using System.Text.Json;

namespace Troupe.Training.Tuning;

/// <summary>
/// One trial's hyperparameters: names to values in the spec's order, immutable, with value equality (same names in
/// the same order with equal values). Serializes to a JSON object whose floats keep a '.' so kinds survive a round trip.
/// </summary>
public sealed class ParamSet : IReadOnlyDictionary<string, ParamValue>, IEquatable<ParamSet>
{
    private readonly KeyValuePair<string, ParamValue>[] entries;
    private readonly Dictionary<string, int> index;

    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    public ParamSet(IEnumerable<KeyValuePair<string, ParamValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = [.. entries];
        index = new Dictionary<string, int>(this.entries.Length, StringComparer.Ordinal);
        for (var i = 0; i < this.entries.Length; i++)
        {
            var name = this.entries[i].Key;
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("ParamSet: expected non-empty parameter names, got an empty one", nameof(entries));
            if (!index.TryAdd(name, i))
                throw new ArgumentException($"ParamSet: expected distinct parameter names, got '{name}' twice", nameof(entries));
        }
    }

    public static ParamSet Empty { get; } = new([]);

    public ParamValue this[string key] => index.TryGetValue(key, out var i)
        ? entries[i].Value
        : throw new KeyNotFoundException($"ParamSet: expected one of [{string.Join(", ", Keys)}], got '{key}'");

    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    public IEnumerable<ParamValue> Values => entries.Select(e => e.Value);

    public int Count => entries.Length;

    public bool ContainsKey(string key) => index.ContainsKey(key);

    public bool TryGetValue(string key, out ParamValue value)
    {
        if (index.TryGetValue(key, out var i))
        {
            value = entries[i].Value;
            return true;
        }
        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, ParamValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, ParamValue>>)entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ParamSet? other) => other is not null && entries.AsSpan().SequenceEqual(other.entries);

    public override bool Equals(object? obj) => Equals(obj as ParamSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (k, v) in entries)
        {
            hash.Add(k, StringComparer.Ordinal);
            hash.Add(v);
        }
        return hash.ToHashCode();
    }

    /// <summary><c>lr=0.001, n_hidden=64</c>: for log lines.</summary>
    public override string ToString() => string.Join(", ", entries.Select(e => $"{e.Key}={e.Value}"));

    /// <summary>A JSON object, e.g. <c>{"lr":0.001,"n_hidden":64,"opt":"adam"}</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in entries)
            {
                writer.WritePropertyName(name);
                switch (value.Kind)
                {
                    case ParamKind.Int: writer.WriteNumberValue(value.AsInt()); break;
                    case ParamKind.Float: writer.WriteRawValue(ParamValue.FormatFloat(value.AsDouble())); break;
                    case ParamKind.Bool: writer.WriteBooleanValue(value.AsBool()); break;
                    default: writer.WriteStringValue(value.AsString()); break;
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads <see cref="ToJson"/>'s output back, kinds included.</summary>
    /// <exception cref="FormatException">The text is not a flat JSON object of scalars.</exception>
    public static ParamSet FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new FormatException($"ParamSet.FromJson: expected a JSON object, got {doc.RootElement.ValueKind}");
        var list = new List<KeyValuePair<string, ParamValue>>();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            ParamValue value = p.Value.ValueKind switch
            {
                JsonValueKind.Number => ParamValue.Parse(p.Value.GetRawText()),
                JsonValueKind.String => ParamValue.Of(p.Value.GetString()!),
                JsonValueKind.True => ParamValue.Of(true),
                JsonValueKind.False => ParamValue.Of(false),
                _ => throw new FormatException($"ParamSet.FromJson: expected a scalar for '{p.Name}', got {p.Value.ValueKind}"),
            };
            list.Add(new(p.Name, value));
        }
        return new ParamSet(list);
    }
}
