namespace Troupe.Training.Text;

/// <summary>
/// fastai's <c>Tokenizer</c> (<c>TokenizeWithRules</c>): runs the text <see cref="Rules"/> in order, splits
/// with the <see cref="BaseTokenizer"/>, then runs the <see cref="PostRules"/> on every token.
/// <see cref="Default"/> is fastai's default: its eight rules, a spaCy-like word split and replace_space, so
/// <c>"The worst movie I've ever seen"</c> becomes <c>xxbos xxmaj the worst movie xxmaj i 've ever seen</c>.
/// </summary>
public sealed class Tokenizer
{
    /// <param name="baseTokenizer">The split; fastai's default is the word split.</param>
    /// <param name="rules">Text rules; null means <see cref="TextRules.Defaults"/>, empty means none.</param>
    /// <param name="postRules">Token rules; null means <see cref="TextRules.PostDefaults"/>, empty means none.</param>
    public Tokenizer(IBaseTokenizer baseTokenizer, IEnumerable<Func<string, string>>? rules = null, IEnumerable<Func<string, string>>? postRules = null)
    {
        ArgumentNullException.ThrowIfNull(baseTokenizer);
        BaseTokenizer = baseTokenizer;
        Rules = (rules ?? TextRules.Defaults).ToArray();
        PostRules = (postRules ?? TextRules.PostDefaults).ToArray();
    }

    /// <summary>fastai's default tokenizer: <see cref="TextRules.Defaults"/>, <see cref="WordTokenizer"/>, replace_space.</summary>
    public static Tokenizer Default { get; } = new(new WordTokenizer());

    /// <summary>Character-level tokens with no rules: every character (spaces and newlines included) is a token.</summary>
    public static Tokenizer Characters { get; } = new(new CharTokenizer(), rules: [], postRules: []);

    public IBaseTokenizer BaseTokenizer { get; }

    public IReadOnlyList<Func<string, string>> Rules { get; }

    public IReadOnlyList<Func<string, string>> PostRules { get; }

    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var rule in Rules) text = rule(text);
        var tokens = BaseTokenizer.Tokenize(text);
        var result = new string[tokens.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var token = tokens[i];
            foreach (var rule in PostRules) token = rule(token);
            result[i] = token;
        }
        return result;
    }

    /// <summary>Tokenizes every text, in order.</summary>
    public string[][] TokenizeAll(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Select(Tokenize).ToArray();
    }

    /// <summary>fastai's <c>Tokenizer.decodes</c>: tokens joined with a separator.</summary>
    public static string Decode(IEnumerable<string> tokens, string separator = " ") => string.Join(separator, tokens);
}
