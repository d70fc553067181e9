using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using Troupe.Training.Serialization;

namespace Troupe.Training.Learning;

/// <summary>
/// A Learner's state at an epoch boundary, enough for a resumed fit to end bit for bit like an uninterrupted
/// one: the model's state dict, the optimizer's hyperparameters, state tensors and step counts, the CPU RNG
/// state, the fit plan and the epoch to resume at (the schedule position follows from it), the smoothed loss,
/// the rows so far, the checkpointed callbacks' state and the vocab. <see cref="Tags"/> carry what the caller
/// needs to rebuild the model (its registry name and hyperparameters). Serialized as
/// <c>"TRPCKPT2"</c>, a little-endian int32 length, that many bytes of UTF-8 JSON metadata, then a PyTorch
/// archive of the tensors (<c>model.*</c>, <c>opt.*</c>; Python's <c>torch.load</c> reads that part). <c>TRPCKPT1</c>
/// files (the libtorch 1.13 binding's, before TorchSharp) are refused by name: their RNG state and weight layout differ.
/// </summary>
public sealed class LearnerCheckpoint
{
    private static readonly byte[] Magic = "TRPCKPT2"u8.ToArray();
    private static readonly Dictionary<string, string> Retired = new()
    {
        ["TRPCKPT1"] = "a checkpoint of Troupe's own libtorch 1.13 binding, before the move to TorchSharp (other RNG state and AWD-LSTM weight names); resume from it with that release or train again",
    };
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = false };

    private LearnerCheckpoint(CheckpointMeta meta, byte[] tensors)
    {
        Meta = meta;
        TensorBytes = tensors;
    }

    internal CheckpointMeta Meta { get; }

    /// <summary>The PyTorch archive of model and optimizer tensors.</summary>
    public byte[] TensorBytes { get; }

    /// <summary>The epoch a resumed fit starts at (epochs before it are done).</summary>
    public int Epoch => Meta.Epoch;

    public FitPlan Plan => Meta.Plan.ToPlan();

    public IReadOnlyList<string> Vocab => Meta.Vocab;

    public IReadOnlyList<EpochRecord> History => Meta.History.Select(h => h.ToRecord()).ToArray();

    public IReadOnlyDictionary<string, string> Tags => Meta.Tags;

    internal float SmoothRaw => Meta.SmoothRaw;

    internal long SmoothCount => Meta.SmoothCount;

    /// <summary>Returns a copy with <paramref name="tags"/> added (model name, hyperparameters, trial id).</summary>
    public LearnerCheckpoint WithTags(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var merged = new Dictionary<string, string>(Meta.Tags);
        foreach (var (k, v) in tags) merged[k] = v;
        return new LearnerCheckpoint(Meta with { Tags = merged }, TensorBytes);
    }

    internal static LearnerCheckpoint Capture(Learner learn, FitPlan plan, int epoch)
    {
        var opt = learn.Opt;
        using var scope = torch.NewDisposeScope();
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, t) in learn.Model.state_dict()) tensors.Add(new($"model.{name}", t));
        if (opt is not null)
            foreach (var (name, t) in opt.StateTensors()) tensors.Add(new($"opt.{name}", t));
        var bytes = StateDicts.Save(tensors);
        var meta = new CheckpointMeta
        {
            Epoch = epoch,
            Plan = PlanMeta.From(plan),
            Optimizer = opt is null ? null : OptimizerMeta.From(opt),
            Rng = Convert.ToBase64String(RngState.Get()),
            SmoothRaw = learn.Recorder.SmoothLoss.Raw,
            SmoothCount = learn.Recorder.SmoothLoss.Count,
            History = learn.Recorder.Values.Select(RecordMeta.From).ToList(),
            Callbacks = learn.Callbacks.OfType<ICheckpointedCallback>().ToDictionary(c => c.StateKey, c => c.SaveState().ToDictionary()),
            Vocab = learn.Dls.Vocab.Itos.ToList(),
            Tags = [],
        };
        return new LearnerCheckpoint(meta, bytes);
    }

    public byte[] ToBytes()
    {
        return FramedArchive.Write(Magic, JsonSerializer.SerializeToUtf8Bytes(Meta, Json), TensorBytes);
    }

    /// <summary>Writes <see cref="ToBytes"/> to <paramref name="path"/> atomically (<see cref="AtomicFile"/>).</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, ToBytes());

    public static LearnerCheckpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint: expected a file at '{path}', got none", path);
        return FromBytes(File.ReadAllBytes(path));
    }

    /// <exception cref="InvalidDataException">the bytes are not a Troupe checkpoint, or are truncated.</exception>
    public static LearnerCheckpoint FromBytes(ReadOnlySpan<byte> data)
    {
        var (json, tensors) = FramedArchive.Read(data, Magic, "checkpoint", Retired);
        CheckpointMeta meta;
        try
        {
            meta = JsonSerializer.Deserialize<CheckpointMeta>(json, Json)
                ?? throw new InvalidDataException("checkpoint: expected metadata, got null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"checkpoint: expected JSON metadata, got invalid JSON ({e.Message})", e);
        }
        return new LearnerCheckpoint(meta, tensors);
    }

    /// <summary>Loads model, optimizer and RNG state into <paramref name="learn"/> (whose vocab and model must match).</summary>
    internal void RestoreInto(Learner learn)
    {
        var vocab = learn.Dls.Vocab.Itos;
        if (!vocab.SequenceEqual(Meta.Vocab))
        {
            var first = Enumerable.Range(0, Math.Min(vocab.Count, Meta.Vocab.Count)).FirstOrDefault(i => vocab[i] != Meta.Vocab[i], -1);
            throw new ArgumentException($"checkpoint: expected the learner's vocab ({vocab.Count} tokens) to equal the checkpoint's ({Meta.Vocab.Count} tokens)"
                + (first >= 0 ? $", got '{vocab[first]}' where it has '{Meta.Vocab[first]}' at {first}" : ""));
        }
        using var scope = torch.NewDisposeScope();
        var tensors = StateDicts.Load(TensorBytes);
        learn.Model.load_state_dict(Section(tensors, "model."));
        learn.CreateOpt();
        if (Meta.Optimizer is { } o)
        {
            o.ApplyTo(learn.Opt!, Section(tensors, "opt."));
            learn.FreezeTo(o.FrozenGroups);
        }
        RngState.Set(Convert.FromBase64String(Meta.Rng));
    }

    internal void RestoreCallbacks(Learner learn)
    {
        foreach (var cb in learn.Callbacks.OfType<ICheckpointedCallback>())
            if (Meta.Callbacks.TryGetValue(cb.StateKey, out var state)) cb.RestoreState(state);
    }

    private static Dictionary<string, Tensor> Section(Dictionary<string, Tensor> all, string prefix)
        => all.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
}
