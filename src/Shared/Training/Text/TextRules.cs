using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Troupe.Training.Text;

/// <summary>
/// fastai's text rules (<c>fastai.text.core</c>, <c>defaults.text_proc_rules</c>): string-to-string steps run
/// before the word split, in <see cref="Defaults"/> order, then <see cref="ReplaceSpace"/> on every token.
/// Each keeps fastai's regular expression and replacement, quirks included (fix_html turns <c>&amp;amp;</c>
/// into <c>&amp;&amp;</c> because it replaces <c>amp;</c> before unescaping).
/// </summary>
internal static partial class TextRules
{
    /// <summary>fix_html, replace_rep, replace_wrep, spec_add_spaces, rm_useless_spaces, replace_all_caps, replace_maj, lowercase.</summary>
    public static IReadOnlyList<Func<string, string>> Defaults { get; } =
    [
        FixHtml, ReplaceRep, ReplaceWrep, SpecAddSpaces, RmUselessSpaces, ReplaceAllCaps, ReplaceMaj, t => Lowercase(t),
    ];

    /// <summary>fastai's <c>defaults.text_postproc_rules</c>, applied to each token: replace_space.</summary>
    public static IReadOnlyList<Func<string, string>> PostDefaults { get; } = [ReplaceSpace];

    /// <summary>Various messy things seen in documents: HTML leftovers, <c>&lt;br /&gt;</c>, WikiText's <c>&lt;unk&gt;</c> and <c>@-@</c>.</summary>
    public static string FixHtml(string x)
    {
        ArgumentNullException.ThrowIfNull(x);
        x = x.Replace("#39;", "'").Replace("amp;", "&").Replace("#146;", "'").Replace("nbsp;", " ")
            .Replace("#36;", "$").Replace("\\n", "\n").Replace("quot;", "'").Replace("<br />", "\n")
            .Replace("\\\"", "\"").Replace("<unk>", SpecialTokens.Unk).Replace(" @.@ ", ".").Replace(" @-@ ", "-")
            .Replace("...", " …");
        return HtmlUnescape(x);
    }

    /// <summary>Character repetitions: <c>cccc</c> becomes <c> xxrep 4 c </c>.</summary>
    public static string ReplaceRep(string t) =>
        RepRegex().Replace(t, m => $" {SpecialTokens.Rep} {m.Groups[2].Length + 1} {m.Groups[1].Value} ");

    /// <summary>Word repetitions: <c>word word word word</c> becomes <c> xxwrep 4 word </c>.</summary>
    public static string ReplaceWrep(string t) =>
        WrepRegex().Replace(t, m =>
        {
            var repeats = m.Groups[2].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length + 2;
            return $" {SpecialTokens.WRep} {repeats} {m.Groups[1].Value} {m.Groups[3].Value}";
        });

    /// <summary>Spaces around <c>/</c>, <c>#</c> and <c>\</c>.</summary>
    public static string SpecAddSpaces(string t) => SpecRegex().Replace(t, " $1 ");

    /// <summary>Runs of spaces become one space.</summary>
    public static string RmUselessSpaces(string t) => SpaceRunRegex().Replace(t, " ");

    /// <summary>Words in ALL CAPS (two letters or more) are lowercased and preceded by <c>xxup</c>.</summary>
    public static string ReplaceAllCaps(string t) =>
        AllCapsRegex().Replace(t, m => Marked(m, SpecialTokens.Up));

    /// <summary>Capitalised words (two letters or more) are lowercased and preceded by <c>xxmaj</c>.</summary>
    public static string ReplaceMaj(string t) =>
        MajRegex().Replace(t, m => Marked(m, SpecialTokens.Maj));

    /// <summary>Lowercases and strips the text, with <c>xxbos</c> in front (and <c>xxeos</c> behind when asked).</summary>
    public static string Lowercase(string t, bool addBos = true, bool addEos = false)
    {
        ArgumentNullException.ThrowIfNull(t);
        return (addBos ? SpecialTokens.Bos + " " : "") + t.ToLowerInvariant().Trim() + (addEos ? " " + SpecialTokens.Eos : "");
    }

    /// <summary>Spaces inside a token become <c>▁</c> so tokens survive a split/join on spaces.</summary>
    public static string ReplaceSpace(string token) => token.Replace(' ', '\u2581');

    private static string Marked(Match m, string marker)
    {
        var word = m.Groups[2].Value;
        return m.Groups[1].Value + (word.Length > 1 ? marker + " " : "") + word.ToLowerInvariant();
    }

    /// <summary>
    /// Python's <c>html.unescape</c> for what documents hold: numeric references (with its windows-1252 remap
    /// of 0x80–0x9F and U+FFFD for invalid code points) and named references ending in <c>;</c>.
    /// </summary>
    internal static string HtmlUnescape(string s)
    {
        if (!s.Contains('&')) return s;
        return CharRefRegex().Replace(s, m =>
        {
            var body = m.Groups[1].Value;
            if (body[0] != '#')
                return body.EndsWith(';') ? WebUtility.HtmlDecode(m.Value) : m.Value;
            var hex = body.Length > 1 && (body[1] == 'x' || body[1] == 'X');
            var digits = body.TrimEnd(';')[(hex ? 2 : 1)..];
            if (!long.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF || code == 0)
                return "\uFFFD";
            if (code is >= 0x80 and <= 0x9F)
                return Windows1252(code) ?? char.ConvertFromUtf32((int)code);
            return char.ConvertFromUtf32((int)code);
        });
    }

    // The C1 range as browsers (and Python's html.unescape) read it: windows-1252.
    private static string? Windows1252(long code) => code switch
    {
        0x80 => "\u20AC", 0x82 => "\u201A", 0x83 => "\u0192", 0x84 => "\u201E", 0x85 => "\u2026", 0x86 => "\u2020",
        0x87 => "\u2021", 0x88 => "\u02C6", 0x89 => "\u2030", 0x8A => "\u0160", 0x8B => "\u2039", 0x8C => "\u0152",
        0x8E => "\u017D", 0x91 => "\u2018", 0x92 => "\u2019", 0x93 => "\u201C", 0x94 => "\u201D", 0x95 => "\u2022",
        0x96 => "\u2013", 0x97 => "\u2014", 0x98 => "\u02DC", 0x99 => "\u2122", 0x9A => "\u0161", 0x9B => "\u203A",
        0x9C => "\u0153", 0x9E => "\u017E", 0x9F => "\u0178",
        _ => null,
    };

    [GeneratedRegex(@"(\S)(\1{2,})")]
    private static partial Regex RepRegex();

    [GeneratedRegex(@"(?:\s|^)(\w+)\s+((?:\1\s+)+)\1(\s|\W|$)")]
    private static partial Regex WrepRegex();

    [GeneratedRegex(@"([/#\\])")]
    private static partial Regex SpecRegex();

    [GeneratedRegex(" {2,}")]
    private static partial Regex SpaceRunRegex();

    [GeneratedRegex(@"(\s|^)([A-Z]+[^a-z\s]*)(?=(\s|$))")]
    private static partial Regex AllCapsRegex();

    [GeneratedRegex(@"(\s|^)([A-Z][^A-Z\s]*)(?=(\s|$))")]
    private static partial Regex MajRegex();

    [GeneratedRegex(@"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")]
    private static partial Regex CharRefRegex();
}
