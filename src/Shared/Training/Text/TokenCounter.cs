namespace Troupe.Training.Text;

/// <summary>
/// Python's <c>collections.Counter</c> for tokens: counts plus first-seen order, which is how
/// <c>Counter.most_common</c> breaks ties (and so how fastai's vocab orders equally frequent tokens).
/// </summary>
public sealed class TokenCounter
{
    private readonly Dictionary<string, int> slots = new(StringComparer.Ordinal);
    private readonly List<string> tokens = [];
    private readonly List<long> counts = [];

    public int DistinctCount => tokens.Count;

    public long this[string token] => slots.TryGetValue(token, out var slot) ? counts[slot] : 0;

    public void Add(string token, long count = 1)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (slots.TryGetValue(token, out var slot))
        {
            counts[slot] += count;
            return;
        }
        slots[token] = tokens.Count;
        tokens.Add(token);
        counts.Add(count);
    }

    public void AddRange(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var t in items) Add(t);
    }

    /// <summary><c>most_common(n)</c>: by count descending, ties in first-seen order; all when n is null.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> MostCommon(int? n = null)
    {
        var order = Enumerable.Range(0, tokens.Count).ToArray();
        // OrderBy is a stable sort, like Python's sorted(reverse=True) on equal keys.
        var sorted = order.OrderByDescending(i => counts[i]);
        var taken = n is { } k ? sorted.Take(Math.Max(0, k)) : sorted;
        return taken.Select(i => new KeyValuePair<string, long>(tokens[i], counts[i])).ToList();
    }
}
