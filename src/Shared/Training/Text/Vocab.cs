namespace Troupe.Training.Text;

/// <summary>
/// An index of tokens (<c>itos</c>) with its reverse map. Built the fastai way by <see cref="Build(TokenCounter, int, int, IReadOnlyList{string}?)"/>
/// (special tokens first, then by frequency, padded with <c>xxfake</c> to a multiple of 8) or in
/// first-appearance order by <see cref="FromFirstAppearance"/> (fastbook's <c>L(tokens).unique()</c>).
/// Tokens missing from the vocab map to <c>xxunk</c> when the vocab has it; otherwise looking one up throws.
/// </summary>
public sealed class Vocab
{
    private readonly string[] itos;
    private readonly Dictionary<string, int> stoi;

    private Vocab(string[] itos)
    {
        this.itos = itos;
        stoi = new Dictionary<string, int>(itos.Length, StringComparer.Ordinal);
        for (var i = 0; i < itos.Length; i++)
        {
            var t = itos[i];
            if (t == SpecialTokens.Fake) continue;
            if (!stoi.TryAdd(t, i))
                throw new InvalidDataException($"Vocab: expected distinct tokens, got '{t}' at {stoi[t]} and {i}");
        }
        UnknownIndex = stoi.TryGetValue(SpecialTokens.Unk, out var unk) ? unk : null;
    }

    /// <summary>Index to token, in order.</summary>
    public IReadOnlyList<string> Itos => itos;

    public int Count => itos.Length;

    /// <summary>Index of <c>xxunk</c>, where unknown tokens go; null when the vocab has none.</summary>
    public int? UnknownIndex { get; }

    public string this[long index] => (ulong)index < (ulong)itos.Length
        ? itos[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"Vocab: expected an id in [0, {itos.Length}), got {index}");

    public bool Contains(string token) => stoi.ContainsKey(token);

    /// <summary>The id of <paramref name="token"/>; unknown tokens give <see cref="UnknownIndex"/> or throw when there is none.</summary>
    public int IndexOf(string token)
    {
        if (stoi.TryGetValue(token, out var i)) return i;
        return UnknownIndex ?? throw new ArgumentException($"Vocab: token '{token}' is not in this {itos.Length}-token vocab and it has no {SpecialTokens.Unk}", nameof(token));
    }

    /// <summary>fastai's <c>Numericalize.encodes</c>: tokens to ids.</summary>
    public long[] Numericalize(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.Select(t => (long)IndexOf(t)).ToArray();
    }

    /// <summary>fastai's <c>Numericalize.decodes</c>: ids to tokens.</summary>
    public string[] Decode(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Select(i => this[i]).ToArray();
    }

    /// <summary>Decoded tokens joined by <paramref name="separator"/> (fastai's <c>' '.join(vocab[o] for o in ids)</c>).</summary>
    public string Textify(IEnumerable<long> ids, string separator = " ") => string.Join(separator, Decode(ids));

    /// <summary>
    /// fastai's <c>make_vocab</c>: the <paramref name="maxVocab"/> most common tokens (ties in first-seen
    /// order) that occur at least <paramref name="minFreq"/> times, the special tokens moved or inserted at
    /// the front in their order, cut to <paramref name="maxVocab"/>, then <c>8 - len % 8</c> <c>xxfake</c>
    /// fillers (fastai adds 8 when the length is already a multiple of 8; so does this).
    /// </summary>
    public static Vocab Build(TokenCounter counts, int minFreq = 3, int maxVocab = 60000, IReadOnlyList<string>? specialTokens = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (minFreq < 0) throw new ArgumentOutOfRangeException(nameof(minFreq), $"Vocab.Build: expected min_freq >= 0, got {minFreq}");
        if (maxVocab < 1) throw new ArgumentOutOfRangeException(nameof(maxVocab), $"Vocab.Build: expected max_vocab >= 1, got {maxVocab}");
        var vocab = counts.MostCommon(maxVocab).Where(kv => kv.Value >= minFreq).Select(kv => kv.Key).ToList();
        var specials = specialTokens ?? SpecialTokens.All;
        for (var i = specials.Count - 1; i >= 0; i--)
        {
            vocab.Remove(specials[i]);
            vocab.Insert(0, specials[i]);
        }
        if (vocab.Count > maxVocab) vocab.RemoveRange(maxVocab, vocab.Count - maxVocab);
        var fillers = 8 - vocab.Count % 8;
        for (var i = 0; i < fillers; i++) vocab.Add(SpecialTokens.Fake);
        return new Vocab([.. vocab]);
    }

    /// <summary><see cref="Build(TokenCounter, int, int, IReadOnlyList{string}?)"/> over tokenized documents, counted in document order.</summary>
    public static Vocab Build(IEnumerable<IEnumerable<string>> documents, int minFreq = 3, int maxVocab = 60000, IReadOnlyList<string>? specialTokens = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var counts = new TokenCounter();
        foreach (var doc in documents) counts.AddRange(doc);
        return Build(counts, minFreq, maxVocab, specialTokens);
    }

    /// <summary>Distinct tokens in the order they first appear (fastbook's <c>L(*tokens).unique()</c>); no special tokens.</summary>
    public static Vocab FromFirstAppearance(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return new Vocab(tokens.Where(seen.Add).ToArray());
    }

    /// <summary>A vocab from a saved <see cref="Itos"/> list (e.g. a checkpoint); ids keep their positions.</summary>
    public static Vocab FromItos(IEnumerable<string> itos)
    {
        ArgumentNullException.ThrowIfNull(itos);
        var list = itos.ToArray();
        if (list.Length == 0) throw new InvalidDataException("Vocab.FromItos: expected at least one token, got none");
        return new Vocab(list);
    }
}
