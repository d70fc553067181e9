using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.Transfer;

/// <summary>
/// What a finished run leaves for a later stage, and how a stage checks what it consumes (the spec's <c>init_from</c>).
/// A run of a model that exports artifacts (<see cref="ModelCapabilities.Exports"/>: <c>awd_lstm</c>, <c>awd_lstm_clas</c>) writes,
/// from its best trial's best checkpoint, <c>RUN_DIR/best/encoder</c> (<see cref="PretrainedWeights"/> of kind encoder:
/// embedding and LSTMs with the vocab) and, for a language model, <c>RUN_DIR/best/lm</c> (with the decoder). Either can
/// be another stage's <c>init_from</c>, for a model that can start from one (<see cref="ModelCapabilities.InitFrom"/>).
/// </summary>
public static class TrialArtifacts
{
    /// <summary>The run directory's folder of the best trial's artifacts.</summary>
    public const string BestFolder = "best";

    public const string EncoderFile = "encoder";

    public const string LanguageModelFile = "lm";

    /// <summary>Whether runs of <paramref name="model"/> leave artifacts (false for a name outside the registry, such as <c>noop</c>).</summary>
    public static bool HasArtifacts(string model) => ModelRegistry.Contains(model) && ModelRegistry.Get(model).Capabilities.Exports != ModelArtifacts.None;

    /// <summary>
    /// Writes the artifacts of <paramref name="checkpoint"/> (a trial of <paramref name="model"/> with <paramref name="parameters"/>)
    /// into <paramref name="folder"/>, each atomically; returns the files written (none for models without artifacts).
    /// </summary>
    /// <exception cref="InvalidDataException">the bytes are not a checkpoint of that model.</exception>
    public static IReadOnlyList<string> Export(byte[] checkpoint, string model, IReadOnlyDictionary<string, double> parameters, string folder)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!HasArtifacts(model)) return [];
        var recipe = TrialRecipe.Resolve(model, parameters);
        var ckpt = LearnerCheckpoint.FromBytes(checkpoint);
        var config = ModelRegistry.AwdLstmConfigOf(recipe.ModelParams, Vocab.FromItos(ckpt.Vocab));
        var can = recipe.Definition.Capabilities;
        var classifier = can.Kind == ModelKind.Classifier;
        var written = new List<string>();
        if (can.Exports.HasFlag(ModelArtifacts.Encoder))
        {
            var encoder = Path.Combine(folder, EncoderFile);
            PretrainedWeights.FromCheckpoint(ckpt, config, classifier, PretrainedWeights.EncoderKind).Save(encoder);
            written.Add(encoder);
        }
        if (can.Exports.HasFlag(ModelArtifacts.LanguageModel))
        {
            var lm = Path.Combine(folder, LanguageModelFile);
            PretrainedWeights.FromCheckpoint(ckpt, config, classifier: false, PretrainedWeights.LanguageModelKind).Save(lm);
            written.Add(lm);
        }
        return written;
    }

    /// <summary>
    /// Loads the <c>init_from</c> artifact at <paramref name="path"/> and checks that a trial of <paramref name="model"/> with
    /// <paramref name="parameters"/> can start from it (<see cref="Load"/>, then <see cref="CheckFits"/>).
    /// </summary>
    /// <exception cref="ArgumentException">no file, not an artifact, another model, or other sizes; the message says which.</exception>
    public static PretrainedWeights CheckInitFrom(string path, string model, IReadOnlyDictionary<string, double> parameters)
    {
        var weights = Load(path, model);
        CheckFits(weights, path, model, parameters);
        return weights;
    }

    /// <summary>Loads the <c>init_from</c> artifact at <paramref name="path"/> for a run of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">a model that cannot start from an artifact, no file, or a file that is not an artifact.</exception>
    public static PretrainedWeights Load(string path, string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!ModelRegistry.Contains(model) || !ModelRegistry.Get(model).Capabilities.InitFrom)
            throw new ArgumentException($"init_from: expected model {ModelRegistry.NamesWhere(c => c.InitFrom)} to start from an encoder artifact, got {model}");
        try
        {
            return PretrainedWeights.Load(path);
        }
        catch (FileNotFoundException)
        {
            throw new ArgumentException($"init_from: expected an encoder artifact (RUN_DIR/{BestFolder}/{EncoderFile} of an earlier run), got no file at '{path}'");
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException($"init_from: expected an encoder artifact (RUN_DIR/{BestFolder}/{EncoderFile} of an earlier run) at '{path}', got a file that is not one: {e.Message}", e);
        }
    }

    /// <summary>Checks that a trial of <paramref name="model"/> with <paramref name="parameters"/> has the AWD-LSTM sizes of <paramref name="weights"/>.</summary>
    /// <exception cref="ArgumentException">other sizes (or bad parameters).</exception>
    public static void CheckFits(PretrainedWeights weights, string path, string model, IReadOnlyDictionary<string, double> parameters)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var recipe = TrialRecipe.Resolve(model, parameters);
        var config = ModelRegistry.AwdLstmConfigOf(recipe.ModelParams, Vocab.FromItos(weights.Vocab));
        if (weights.Mismatch(config) is { } mismatch)
            throw new ArgumentException($"init_from: the artifact at '{path}' does not fit the trial's {model} (emb_sz, n_hid, n_layers): {mismatch}");
    }
}
