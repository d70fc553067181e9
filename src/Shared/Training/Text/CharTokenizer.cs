namespace Troupe.Training.Text;

/// <summary>Character-level tokens: one token per Unicode scalar value (a surrogate pair stays one token); newlines and spaces are tokens too.</summary>
internal sealed class CharTokenizer : IBaseTokenizer
{
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes()) tokens.Add(rune.ToString());
        return tokens;
    }
}
