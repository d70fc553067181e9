using TorchSharp;
using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.Learning;

/// <summary>
/// Generates tokens from a trained language model (fastai's <c>LMLearner.predict</c>): the model is reset and
/// reads the prompt; then each new token is chosen from the logits of the last position (see
/// <see cref="SamplingOptions"/>) and fed back. Stateful models get one token per call (their hidden state
/// carries the context, which gives the same logits as re-reading the whole text); models with a fixed
/// context (LMModel1–3) read the last <see cref="LanguageModel.ContextLength"/> tokens each time.
/// </summary>
public static class TextGenerator
{
    /// <summary>Returns the prompt's ids followed by <paramref name="count"/> generated ids.</summary>
    public static long[] Generate(LanguageModel model, IReadOnlyList<long> prompt, int count, SamplingOptions? sampling = null, int? unkIndex = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompt);
        var s = sampling ?? SamplingOptions.Greedy;
        s.Validate();
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"generate: expected n_words >= 0, got {count}");
        var context = model.ContextLength;
        if (prompt.Count == 0 || (context is { } n && prompt.Count < n))
            throw new ArgumentException($"generate: expected a prompt of at least {context ?? 1} tokens, got {prompt.Count}", nameof(prompt));
        var ids = new List<long>(prompt);
        var random = new Random(s.Seed);
        var wasTraining = model.training;
        model.eval();
        model.Reset();
        try
        {
            using var guard = torch.no_grad();
            IReadOnlyList<long> feed = context is { } c ? ids.TakeLast(c).ToArray() : ids;
            for (var i = 0; i < count; i++)
            {
                using var scope = torch.NewDisposeScope();
                var x = torch.tensor(feed.ToArray(), [1, feed.Count]);
                var logits = model.forward(x).Output;
                // [1, sl, vocab] for sequence models, [1, vocab] for the 3-word ones: the last position's row.
                var last = logits.dim() == 3 ? logits.select(1, -1).select(0, 0) : logits.select(0, 0);
                var next = Choose(last.@float().data<float>().ToArray(), s, unkIndex, random);
                ids.Add(next);
                feed = context is { } k ? ids.TakeLast(k).ToArray() : model.IsStateful ? [next] : ids;
            }
        }
        finally
        {
            model.Reset();
            model.train(wasTraining);
        }
        return ids.ToArray();
    }

    /// <summary>Tokenized prompt in, text out: fastai's <c>learn.predict(text, n_words, temperature)</c>.</summary>
    public static string Predict(LanguageModel model, Vocab vocab, IReadOnlyList<string> promptTokens, int count, SamplingOptions? sampling = null)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        var ids = Generate(model, vocab.Numericalize(promptTokens), count, sampling, vocab.UnknownIndex);
        return vocab.Textify(ids);
    }

    internal static long Choose(float[] logits, SamplingOptions s, int? unkIndex, Random random)
    {
        if (s.NoUnk && unkIndex is { } u && u < logits.Length) logits[u] = float.NegativeInfinity;
        if (s.Temperature == 0) return ArgMax(logits);
        var order = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).ThenBy(i => i).ToArray();
        var keep = Math.Min(s.TopK ?? logits.Length, logits.Length);
        var max = logits[order[0]];
        var weights = new double[keep];
        var total = 0.0;
        for (var j = 0; j < keep; j++)
        {
            weights[j] = Math.Exp((logits[order[j]] - max) / s.Temperature);
            total += weights[j];
        }
        var r = random.NextDouble() * total;
        for (var j = 0; j < keep; j++)
        {
            r -= weights[j];
            if (r <= 0) return order[j];
        }
        return order[keep - 1];
    }

    private static long ArgMax(float[] logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best]) best = i;
        return best;
    }
}
