using System.Text;
using System.Text.RegularExpressions;

namespace Troupe.Training.Text;

/// <summary>
/// Prefix, suffix and infix patterns of a spaCy-like English word split, following spaCy's English
/// defaults (punctuation, quotes, currency, ellipses and symbols split off the ends; hyphens between
/// letters, commas between letters and periods between a lower- and an upper-case letter split inside).
/// spaCy's letter classes are approximated by Unicode categories (\p{L}, \p{Ll}, \p{Lu}, \p{Lo}) and its
/// symbol list by \p{So}.
/// </summary>
internal static class EnglishPunctuation
{
    private const string Alpha = @"\p{L}";
    private const string AlphaLower = @"\p{Ll}\p{Lo}";
    private const string AlphaUpper = @"\p{Lu}\p{Lo}";
    private const string Icons = @"[\p{So}]";

    private static readonly string[] Punct =
        ["…", "……", ",", ":", ";", "!", "?", "¿", "؟", "¡", "(", ")", "[", "]", "{", "}", "<", ">", "_", "#", "*", "&",
         "。", "？", "！", "，", "、", "；", "：", "～", "·", "।", "،", "۔", "؛", "٪"];

    private static readonly string[] Quotes =
        ["'", "\"", "”", "“", "`", "‘", "´", "’", "‚", ",", "„", "»", "«", "「", "」", "『", "』", "（", "）", "〔", "〕",
         "【", "】", "《", "》", "〈", "〉", "〈", "〉", "⟦", "⟧"];

    private static readonly string[] Currency = ["$", "£", "€", "¥", "฿", "US$", "C$", "A$", "₽", "﷼", "₴"];

    private static readonly string[] Units =
        ["km", "km²", "km³", "m", "m²", "m³", "dm", "dm²", "dm³", "cm", "cm²", "cm³", "mm", "mm²", "mm³", "ha", "µm", "nm",
         "yd", "in", "ft", "kg", "g", "mg", "µg", "t", "lb", "oz", "m/s", "km/h", "kmh", "mph", "hPa", "Pa", "mbar", "mb",
         "MB", "kb", "KB", "gb", "GB", "tb", "TB", "T", "G", "M", "K", "%"];

    private static readonly string[] Hyphens = ["-", "–", "—", "--", "---", "——", "~"];

    private static readonly string[] Ellipses = [@"\.\.+", "…"];

    /// <summary>Matches one prefix at the start; the first listed pattern that matches wins (spaCy's order).</summary>
    public static Regex Prefix { get; } = new(
        "^(?:" + string.Join("|", new[] { "§", "%", "=", "—", "–" }.Select(Regex.Escape)
            .Append(@"\+(?![0-9])")
            .Concat(Literal(Punct)).Concat(Ellipses).Concat(Literal(Quotes)).Concat(Literal(Currency)).Append(Icons)
            .Select(p => "(?:" + p + ")")) + ")",
        RegexOptions.CultureInvariant);

    /// <summary>Matches one suffix at the end; the leftmost match wins, as in spaCy's suffix search.</summary>
    public static Regex Suffix { get; } = new(
        "(?:" + string.Join("|", Literal(Punct).Concat(Ellipses).Concat(Literal(Quotes)).Append(Icons)
            .Concat(Literal(["'s", "'S", "’s", "’S", "—", "–"]))
            .Concat(
            [
                @"(?<=[0-9])\+",
                @"(?<=°[FfCcKk])\.",
                $"(?<=[0-9])(?:{string.Join("|", Literal(Currency))})",
                $"(?<=[0-9])(?:{string.Join("|", Literal(Units))})",
                $"(?<=[0-9{AlphaLower}{ClassOf("%²-+")}{ClassOf(string.Concat(Punct) + "|")}{ClassOf(string.Concat(Quotes) + "(?:)")}])\\.",
                $"(?<=[{AlphaUpper}][{AlphaUpper}])\\.",
            ])
            .Select(p => "(?:" + p + ")")) + ")$",
        RegexOptions.CultureInvariant);

    /// <summary>Every infix inside a token, left to right.</summary>
    public static Regex Infix { get; } = new(
        string.Join("|", Ellipses.Append(Icons).Concat(
        [
            @"(?<=[0-9])[+\-\*^](?=[0-9-])",
            $"(?<=[{AlphaLower}{ClassOf(string.Concat(Quotes))}])\\.(?=[{AlphaUpper}{ClassOf(string.Concat(Quotes))}])",
            $"(?<=[{Alpha}]),(?=[{Alpha}])",
            $"(?<=[{Alpha}0-9])(?:{string.Join("|", Literal(Hyphens))})(?=[{Alpha}])",
            $"(?<=[{Alpha}0-9])[:<>=/](?=[{Alpha}])",
        ]).Select(p => "(?:" + p + ")")),
        RegexOptions.CultureInvariant);

    private static IEnumerable<string> Literal(IEnumerable<string> items) => items.Select(Regex.Escape);

    // Characters as members of a [...] class: escape the ones a class gives meaning to.
    private static string ClassOf(string chars)
    {
        var sb = new StringBuilder();
        foreach (var c in chars.Distinct())
        {
            if (c is '\\' or ']' or '[' or '^' or '-') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
