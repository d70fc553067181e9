namespace Troupe.Training.Models;

/// <summary>Constructor argument checks with "expected X, got Y" messages.</summary>
internal static class ModelChecks
{
    public static void Positive(string model, params (string Name, int Value)[] values)
    {
        foreach (var (name, value) in values)
            if (value < 1) throw new ArgumentOutOfRangeException(name, $"{model}: expected {name} >= 1, got {value}");
    }

    public static void Probability(string model, params (string Name, double Value)[] values)
    {
        foreach (var (name, value) in values)
            if (!(value >= 0 && value < 1)) throw new ArgumentOutOfRangeException(name, $"{model}: expected {name} in [0, 1), got {value}");
    }
}
