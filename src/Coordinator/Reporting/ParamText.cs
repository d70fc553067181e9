using System.Globalization;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting;

/// <summary>A trial's parameters for people: <c>lr=0.008634, n_hidden=64</c> (floats to 4 significant digits; files keep them exact).</summary>
internal static class ParamText
{
    public static string Short(ParamSet parameters) => string.Join(", ", parameters.Select(p => $"{p.Key}={Short(p.Value)}"));

    public static string Short(ParamValue value) => value.Kind == ParamKind.Float
        ? value.AsDouble().ToString("G4", CultureInfo.InvariantCulture)
        : value.ToString();
}
