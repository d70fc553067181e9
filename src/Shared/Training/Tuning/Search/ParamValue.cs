using System.Globalization;
using System.Text.RegularExpressions;

namespace Troupe.Training.Tuning;

/// <summary>
/// One hyperparameter value: an integer, a float, a bool or a string. Immutable with value equality, so configs
/// compare and hash by content. <see cref="ToString"/> is invariant and round-trips through <see cref="Parse"/>
/// (floats always carry a '.' or an exponent, so <c>1.0</c> stays a float).
/// </summary>
public readonly partial record struct ParamValue
{
    private readonly long integer;
    private readonly double number;
    private readonly string? text;

    private ParamValue(ParamKind kind, long integer, double number, string? text)
    {
        Kind = kind;
        this.integer = integer;
        this.number = number;
        this.text = text;
    }

    public ParamKind Kind { get; }

    public static ParamValue Of(long value) => new(ParamKind.Int, value, 0, null);

    public static ParamValue Of(double value) => new(ParamKind.Float, 0, value, null);

    public static ParamValue Of(bool value) => new(ParamKind.Bool, value ? 1 : 0, 0, null);

    public static ParamValue Of(string value) => new(ParamKind.String, 0, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static implicit operator ParamValue(long value) => Of(value);

    public static implicit operator ParamValue(double value) => Of(value);

    public static implicit operator ParamValue(string value) => Of(value);

    /// <summary>True for <see cref="ParamKind.Int"/> and <see cref="ParamKind.Float"/>.</summary>
    public bool IsNumber => Kind is ParamKind.Int or ParamKind.Float;

    /// <summary>The value as a double; integers widen.</summary>
    /// <exception cref="InvalidOperationException">The value is a bool or a string.</exception>
    public double AsDouble() => Kind switch
    {
        ParamKind.Float => number,
        ParamKind.Int => integer,
        _ => throw Mismatch("a number"),
    };

    /// <summary>The value as an integer; a float is accepted only when it is integral (<c>64.0</c>).</summary>
    /// <exception cref="InvalidOperationException">The value is not an integer.</exception>
    public long AsInt() => Kind switch
    {
        ParamKind.Int => integer,
        ParamKind.Float when Math.Floor(number) == number && Math.Abs(number) < 9.0e15 => (long)number,
        _ => throw Mismatch("an integer"),
    };

    /// <exception cref="InvalidOperationException">The value is not a bool.</exception>
    public bool AsBool() => Kind == ParamKind.Bool ? integer != 0 : throw Mismatch("a bool");

    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public string AsString() => Kind == ParamKind.String ? text! : throw Mismatch("a string");

    /// <summary>
    /// Reads a literal the way a spec writes it: an integer (<c>64</c>, <c>-3</c>), a float (<c>0.1</c>, <c>1e-3</c>),
    /// <c>true</c>/<c>false</c>, and anything else as a string. Words like <c>NaN</c> or <c>inf</c> stay strings.
    /// </summary>
    public static ParamValue Parse(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        var s = literal.Trim();
        if (IntegerPattern().IsMatch(s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return Of(l);
        if (FloatPattern().IsMatch(s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return Of(d);
        return s switch
        {
            "true" => Of(true),
            "false" => Of(false),
            _ => Of(s),
        };
    }

    public override string ToString() => Kind switch
    {
        ParamKind.Int => integer.ToString(CultureInfo.InvariantCulture),
        ParamKind.Float => FormatFloat(number),
        ParamKind.Bool => integer != 0 ? "true" : "false",
        _ => text!,
    };

    public bool Equals(ParamValue other) => Kind == other.Kind && Kind switch
    {
        ParamKind.Float => number.Equals(other.number),
        ParamKind.String => string.Equals(text, other.text, StringComparison.Ordinal),
        _ => integer == other.integer,
    };

    public override int GetHashCode() => Kind switch
    {
        ParamKind.Float => HashCode.Combine(Kind, number),
        ParamKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(text!)),
        _ => HashCode.Combine(Kind, integer),
    };

    /// <summary>Shortest round-trip form with a '.' or exponent, so the text reads back as a float.</summary>
    internal static string FormatFloat(double value)
    {
        var s = value.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(value) && !s.Contains('.') && !s.Contains('E') ? s + ".0" : s;
    }

    private InvalidOperationException Mismatch(string expected) =>
        new($"ParamValue: expected {expected}, got {Kind.ToString().ToLowerInvariant()} '{this}'");

    [GeneratedRegex(@"^[+-]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
