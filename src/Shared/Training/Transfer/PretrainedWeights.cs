using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;
using Troupe.Training.Serialization;

namespace Troupe.Training.Transfer;

/// <summary>
/// A pretrained AWD-LSTM's weights with the vocab they index (fastai's <c>save_encoder</c> / <c>learn.save</c> plus
/// the vocab pickle): the whole language model (<see cref="FromLanguageModel"/>, to fine-tune on another corpus) or
/// the encoder alone (<see cref="FromEncoder"/>, for a classifier), and the model's sizes. File layout:
/// <c>"TRPWGT02"</c>, a little-endian int32 length, UTF-8 JSON (kind, config, vocab), then a PyTorch archive.
/// </summary>
public sealed class PretrainedWeights
{
    private static readonly byte[] Magic = "TRPWGT02"u8.ToArray();
    private static readonly Dictionary<string, string> Retired = new()
    {
        ["TRPWGT01"] = "weights of Troupe's own libtorch 1.13 binding, before the move to TorchSharp (other AWD-LSTM weight names); export them again from a checkpoint of this release",
    };

    private PretrainedWeights(string kind, AwdLstmConfig config, IReadOnlyList<string> vocab, byte[] tensors)
    {
        Kind = kind;
        Config = config;
        Vocab = vocab;
        TensorBytes = tensors;
    }

    /// <summary>"lm" (encoder and decoder) or "encoder".</summary>
    public string Kind { get; }

    public AwdLstmConfig Config { get; }

    public IReadOnlyList<string> Vocab { get; }

    public byte[] TensorBytes { get; }

    public const string LanguageModelKind = "lm";
    public const string EncoderKind = "encoder";

    public static PretrainedWeights FromLanguageModel(AwdLstm model, Vocab vocab) => Capture(LanguageModelKind, model, vocab, _ => true);

    /// <summary>fastai's <c>save_encoder</c>: everything but the decoder.</summary>
    public static PretrainedWeights FromEncoder(AwdLstm model, Vocab vocab) => Capture(EncoderKind, model, vocab, n => !n.StartsWith("decoder.", StringComparison.Ordinal));

    /// <summary>
    /// The AWD-LSTM weights inside a trial's checkpoint, with the checkpoint's vocab: a language model's
    /// (<paramref name="classifier"/> false: <c>model.*</c>; <see cref="LanguageModelKind"/> keeps the decoder) or a
    /// classifier's encoder (<c>model.encoder.module.*</c>, <see cref="EncoderKind"/> only). <paramref name="config"/>
    /// is the trial's model config (what a later <see cref="LoadInto(AwdLstm, Vocab)"/> checks sizes against).
    /// </summary>
    /// <exception cref="InvalidDataException">the checkpoint holds no such AWD-LSTM, or its embedding does not match its vocab.</exception>
    public static PretrainedWeights FromCheckpoint(LearnerCheckpoint checkpoint, AwdLstmConfig config, bool classifier, string kind)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(config);
        if (kind != EncoderKind && (kind != LanguageModelKind || classifier))
            throw new ArgumentException($"pretrained weights: expected kind {EncoderKind}{(classifier ? "" : $" or {LanguageModelKind}")}, got '{kind}'", nameof(kind));
        var prefix = classifier ? "model.encoder.module." : "model.";
        using var scope = torch.NewDisposeScope();
        var tensors = StateDicts.Load(checkpoint.TensorBytes)
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(kv => new KeyValuePair<string, TorchSharp.torch.Tensor>(kv.Key[prefix.Length..], kv.Value))
            .Where(kv => kind == LanguageModelKind || !kv.Key.StartsWith("decoder.", StringComparison.Ordinal))
            .ToArray();
        var embedding = tensors.FirstOrDefault(kv => kv.Key == "encoder.weight").Value
            ?? throw new InvalidDataException($"pretrained weights: expected an AWD-LSTM embedding ({prefix}encoder.weight) in the checkpoint, got none");
        if (embedding.size(0) != checkpoint.Vocab.Count || embedding.size(1) != config.EmbSize)
            throw new InvalidDataException($"pretrained weights: expected an embedding of [{checkpoint.Vocab.Count}, {config.EmbSize}] (vocab, emb_sz), "
                + $"got [{embedding.size(0)}, {embedding.size(1)}]");
        return new PretrainedWeights(kind, config, checkpoint.Vocab.ToArray(), StateDicts.Save(tensors));
    }

    /// <summary>Why <paramref name="config"/>'s AWD-LSTM cannot take these weights (emb, hidden, layers differ), or null when it can.</summary>
    public string? Mismatch(AwdLstmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.EmbSize == Config.EmbSize && config.HiddenSize == Config.HiddenSize && config.Layers == Config.Layers ? null
            : $"expected a target AWD-LSTM with emb {Config.EmbSize}, hidden {Config.HiddenSize}, {Config.Layers} layers, "
            + $"got emb {config.EmbSize}, hidden {config.HiddenSize}, {config.Layers} layers";
    }

    /// <summary>
    /// <see cref="LoadInto(AwdLstm, Vocab)"/> for an <c>awd_lstm</c> language model or the encoder of an
    /// <c>awd_lstm_clas</c> classifier (fastai's <c>load_encoder</c>).
    /// </summary>
    /// <exception cref="ArgumentException">any other model, or sizes that do not match.</exception>
    public int LoadInto(LanguageModel target, Vocab targetVocab) => target switch
    {
        AwdLstm lm => LoadInto(lm, targetVocab),
        AwdLstmClassifier classifier => LoadInto(classifier.Encoder, targetVocab),
        null => throw new ArgumentNullException(nameof(target)),
        _ => throw new ArgumentException($"pretrained weights: expected an AWD-LSTM language model or classifier to load into, got {target.GetType().Name}"),
    };

    private static PretrainedWeights Capture(string kind, AwdLstm model, Vocab vocab, Func<string, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocab);
        if (vocab.Count != model.VocabSize)
            throw new ArgumentException($"pretrained weights: expected a vocab of {model.VocabSize} tokens (the model's), got {vocab.Count}");
        using var scope = torch.NewDisposeScope();
        var tensors = model.state_dict().Where(kv => keep(kv.Key)).ToArray();
        return new PretrainedWeights(kind, model.Config, vocab.Itos.ToArray(), StateDicts.Save(tensors));
    }

    /// <summary>
    /// Loads these weights into <paramref name="target"/>, whose vocab is <paramref name="targetVocab"/> (fastai's
    /// <c>load_pretrained</c> with <c>match_embeds</c>): rows of tokens both vocabs share are copied, new tokens get
    /// the mean embedding (and the mean decoder bias); every other tensor must match by name and shape. Loading an
    /// encoder leaves the target's decoder bias as it was.
    /// </summary>
    /// <returns>How many of the target's tokens were found in the pretrained vocab.</returns>
    public int LoadInto(AwdLstm target, Vocab targetVocab)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(targetVocab);
        if (Mismatch(target.Config) is { } mismatch) throw new ArgumentException($"pretrained weights: {mismatch}");
        using var scope = torch.NewDisposeScope();
        var source = StateDicts.Load(TensorBytes);
        var index = Vocab.Select((t, i) => (t, i)).GroupBy(x => x.t).ToDictionary(g => g.Key, g => g.First().i);
        // A token at the same id keeps its own row (vocabs padded with repeated xxfake tokens map back exactly).
        var rows = targetVocab.Itos.Select((t, at) => at < Vocab.Count && Vocab[at] == t ? at : index.TryGetValue(t, out var i) ? i : -1).ToArray();
        var state = new Dictionary<string, TorchSharp.torch.Tensor>();
        foreach (var (name, t) in target.state_dict()) state[name] = t;
        foreach (var (name, t) in source)
        {
            state[name] = name switch
            {
                "encoder.weight" => MatchRows(t, rows),
                "decoder.bias" => MatchRows(t.unsqueeze(1), rows).squeeze(1),
                _ => t,
            };
        }
        target.load_state_dict(state);
        return rows.Count(r => r >= 0);
    }

    // New rows = the old rows' mean, as fastai's match_embeds does.
    private static TorchSharp.torch.Tensor MatchRows(TorchSharp.torch.Tensor old, int[] rows)
    {
        var mean = old.mean([0], keepdim: true);
        var parts = rows.Select(r => r >= 0 ? old.narrow(0, r, 1) : mean).ToArray();
        return torch.cat(parts, 0);
    }

    public byte[] ToBytes()
    {
        return FramedArchive.Write(Magic, JsonSerializer.SerializeToUtf8Bytes(new Meta(Kind, Config, Vocab.ToList())), TensorBytes);
    }

    /// <summary>Writes <see cref="ToBytes"/> to <paramref name="path"/> atomically (<see cref="AtomicFile"/>).</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, ToBytes());

    /// <exception cref="FileNotFoundException">no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">the file is not pretrained weights.</exception>
    public static PretrainedWeights Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"pretrained weights: expected a file at '{path}', got none", path);
        var (json, tensors) = FramedArchive.Read(File.ReadAllBytes(path), Magic, $"pretrained weights '{path}'", Retired);
        Meta? meta;
        try
        {
            meta = JsonSerializer.Deserialize<Meta>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"pretrained weights: expected JSON metadata in '{path}', got invalid JSON ({e.Message})", e);
        }
        if (meta is null || meta.Config is null || meta.Vocab is not { Count: > 0 } || meta.Kind is not (LanguageModelKind or EncoderKind))
            throw new InvalidDataException($"pretrained weights: expected metadata with kind {LanguageModelKind} or {EncoderKind}, a config and a vocab in '{path}', "
                + $"got kind '{meta?.Kind}', {(meta?.Config is null ? "no config" : "a config")}, {meta?.Vocab?.Count ?? 0} vocab tokens");
        return new PretrainedWeights(meta.Kind, meta.Config, meta.Vocab, tensors);
    }

    private sealed record Meta(string Kind, AwdLstmConfig Config, List<string> Vocab);
}
