using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Troupe.Training.Text;

/// <summary>
/// A spaCy-like English word split (fastai's default <c>WordTokenizer</c> is spaCy's blank English
/// tokenizer). It follows spaCy's algorithm: split on whitespace (one space after a token is absorbed;
/// any other whitespace run becomes a token, e.g. <c>"\n\n"</c>); for each chunk, unless it is a special
/// case, strip prefixes and suffixes repeatedly (stopping as soon as the remainder is a special case), then
/// split the core on infixes. Special cases are the English contractions and abbreviations of
/// <see cref="EnglishExceptions"/> ("don't" → "do" "n't", "I've" → "I" "'ve") and fastai's special tokens.
/// Not covered: spaCy's URL matcher and its second pass that re-merges special cases split by punctuation.
/// </summary>
internal sealed class WordTokenizer : IBaseTokenizer
{
    // Chunks repeat a lot in real text; like spaCy, remember how each was split (bounded, thread-safe).
    private const int CacheLimit = 200_000;
    private const int SuffixWindow = 8;
    private readonly Dictionary<string, string[]> specials;
    private readonly ConcurrentDictionary<string, string[]> cache = new(StringComparer.Ordinal);

    public WordTokenizer(IEnumerable<string>? specialTokens = null)
    {
        specials = new Dictionary<string, string[]>(EnglishExceptions.Table, StringComparer.Ordinal);
        foreach (var t in specialTokens ?? SpecialTokens.All) specials[t] = [t];
    }

    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        if (text.Length == 0) return tokens;
        var start = 0;
        var inWhitespace = char.IsWhiteSpace(text[0]);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) == inWhitespace) continue;
            if (start < i) TokenizeChunk(text[start..i], tokens);
            // One plain space after a token belongs to that token; the rest of the run is a token of its own.
            start = c == ' ' ? i + 1 : i;
            inWhitespace = !inWhitespace;
        }
        if (start < text.Length) TokenizeChunk(text[start..], tokens);
        return tokens;
    }

    private void TokenizeChunk(string chunk, List<string> tokens)
    {
        if (specials.TryGetValue(chunk, out var pieces) || cache.TryGetValue(chunk, out pieces))
        {
            tokens.AddRange(pieces);
            return;
        }
        var first = tokens.Count;
        SplitChunk(chunk, tokens);
        if (cache.Count < CacheLimit) cache.TryAdd(chunk, tokens.GetRange(first, tokens.Count - first).ToArray());
    }

    private void SplitChunk(string chunk, List<string> tokens)
    {
        // No prefix, suffix or infix pattern can match a run of letters (units need a digit before them).
        if (AllLetters(chunk))
        {
            tokens.Add(chunk);
            return;
        }
        var prefixes = new List<string>();
        var suffixes = new List<string>();
        var core = SplitAffixes(chunk, prefixes, suffixes);
        tokens.AddRange(prefixes);
        if (core.Length > 0)
        {
            if (specials.TryGetValue(core, out var corePieces)) tokens.AddRange(corePieces);
            else SplitInfixes(core, tokens);
        }
        for (var i = suffixes.Count - 1; i >= 0; i--) tokens.Add(suffixes[i]);
    }

    private string SplitAffixes(string s, List<string> prefixes, List<string> suffixes)
    {
        var lastLength = -1;
        while (s.Length > 0 && s.Length != lastLength)
        {
            if (specials.ContainsKey(s)) break;
            lastLength = s.Length;
            var preLength = PrefixLength(s);
            if (preLength > 0)
            {
                var minusPre = s[preLength..];
                if (minusPre.Length > 0 && specials.ContainsKey(minusPre))
                {
                    prefixes.Add(s[..preLength]);
                    return minusPre;
                }
            }
            var sufLength = SuffixLength(s[preLength..]);
            if (sufLength > 0)
            {
                var minusSuf = s[..^sufLength];
                if (minusSuf.Length > 0 && specials.ContainsKey(minusSuf))
                {
                    suffixes.Add(s[^sufLength..]);
                    return minusSuf;
                }
            }
            if (preLength > 0 && sufLength > 0 && preLength + sufLength <= s.Length)
            {
                prefixes.Add(s[..preLength]);
                suffixes.Add(s[^sufLength..]);
                s = s[preLength..^sufLength];
            }
            else if (preLength > 0)
            {
                prefixes.Add(s[..preLength]);
                s = s[preLength..];
            }
            else if (sufLength > 0)
            {
                suffixes.Add(s[^sufLength..]);
                s = s[..^sufLength];
            }
        }
        return s;
    }

    private static bool AllLetters(string s)
    {
        foreach (var c in s)
            if (!char.IsLetter(c)) return false;
        return true;
    }

    private static int PrefixLength(string s)
    {
        var m = EnglishPunctuation.Prefix.Match(s);
        return m.Success ? m.Length : 0;
    }

    private static int SuffixLength(string s)
    {
        if (s.Length == 0) return 0;
        // Only a run of dots can make a suffix longer than a few characters, so search the tail and then
        // widen a dot run to where it starts: the same leftmost match as searching the whole string.
        var m = EnglishPunctuation.Suffix.Match(s, Math.Max(0, s.Length - SuffixWindow));
        if (!m.Success) return 0;
        var start = m.Index;
        if (m.Length > 1 && m.Value.All(c => c == '.'))
            while (start > 0 && s[start - 1] == '.') start--;
        return s.Length - start;
    }

    private static void SplitInfixes(string s, List<string> tokens)
    {
        var start = 0;
        foreach (Match m in EnglishPunctuation.Infix.Matches(s))
        {
            // An infix at the very start is not a split point (spaCy skips it).
            if (m.Index == 0) continue;
            if (m.Index != start) tokens.Add(s[start..m.Index]);
            if (m.Length > 0) tokens.Add(m.Value);
            start = m.Index + m.Length;
        }
        if (start < s.Length) tokens.Add(s[start..]);
    }
}
