using System.Globalization;

namespace Troupe.Training.Models;

/// <summary>
/// A model's hyperparameters by name, defaults filled in, unknown names refused. Integer-valued ones
/// (n_hidden, n_layers) must be whole numbers.
/// </summary>
public sealed class Hyperparameters
{
    private readonly string model;
    private readonly Dictionary<string, double> values;

    internal Hyperparameters(string model, IReadOnlyDictionary<string, double> defaults, IReadOnlyDictionary<string, double>? given)
    {
        this.model = model;
        values = new Dictionary<string, double>(defaults);
        foreach (var (name, value) in given ?? new Dictionary<string, double>())
        {
            if (!defaults.ContainsKey(name))
                throw new ArgumentException($"model '{model}': expected hyperparameters among {string.Join(", ", defaults.Keys)}, got '{name}'");
            values[name] = value;
        }
    }

    public IReadOnlyDictionary<string, double> Values => values;

    public double this[string name] => values.TryGetValue(name, out var v) ? v
        : throw new KeyNotFoundException($"model '{model}': expected a hyperparameter '{name}', got none");

    public int Int(string name)
    {
        var v = this[name];
        if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue)
            throw new ArgumentException($"model '{model}': expected a whole number for {name}, got {v.ToString(CultureInfo.InvariantCulture)}");
        return (int)v;
    }

    public bool Bool(string name) => this[name] != 0;

    public override string ToString() => string.Join(", ", values.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}"));
}
