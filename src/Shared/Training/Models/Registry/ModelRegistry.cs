using Troupe.Training.Text;

namespace Troupe.Training.Models;

/// <summary>
/// Every model a trial spec can name: the chapter's <c>lmmodel1</c> ... <c>lmmodel7</c>, <c>awd_lstm</c> and the classifier <c>awd_lstm_clas</c>,
/// with the book's sizes as defaults and its recipes. Names are case-insensitive.
/// </summary>
public static class ModelRegistry
{
    private static readonly Dictionary<string, double> Hidden = new() { ["n_hidden"] = 64 };
    private static readonly Dictionary<string, double> Stacked = new() { ["n_hidden"] = 64, ["n_layers"] = 2 };
    private static readonly ModelCapabilities Lm = ModelCapabilities.LanguageModel;

    private static readonly ModelDefinition[] All =
    [
        new("lmmodel1", "3 tokens in, explicit layers per position (chapter 12)", DataLayout.ThreeWord, Lm, Hidden,
            new ModelRecipe(4, 1e-3), (v, h) => new LMModel1(v.Count, h.Int("n_hidden"))),
        new("lmmodel2", "LMModel1 as a loop", DataLayout.ThreeWord, Lm, Hidden,
            new ModelRecipe(4, 1e-3), (v, h) => new LMModel2(v.Count, h.Int("n_hidden"))),
        new("lmmodel3", "hidden state kept across batches, detached (truncated BPTT)", DataLayout.GroupedThreeWord, Lm, Hidden,
            new ModelRecipe(10, 3e-3), (v, h) => new LMModel3(v.Count, h.Int("n_hidden"))),
        new("lmmodel4", "a prediction after every token", DataLayout.Sequence, Lm, Hidden,
            new ModelRecipe(15, 3e-3), (v, h) => new LMModel4(v.Count, h.Int("n_hidden"))),
        new("lmmodel5", "multilayer nn.RNN", DataLayout.Sequence, Lm, Stacked,
            new ModelRecipe(15, 3e-3), (v, h) => new LMModel5(v.Count, h.Int("n_hidden"), h.Int("n_layers"))),
        new("lmmodel6", "multilayer nn.LSTM", DataLayout.Sequence, Lm, Stacked,
            new ModelRecipe(15, 1e-2), (v, h) => new LMModel6(v.Count, h.Int("n_hidden"), h.Int("n_layers"))),
        new("lmmodel7", "LSTM with dropout, weight tying, AR/TAR", DataLayout.Sequence, Lm,
            new Dictionary<string, double> { ["n_hidden"] = 64, ["n_layers"] = 2, ["p"] = 0.4 },
            new ModelRecipe(15, 1e-2, Wd: 0.1, Alpha: 2, Beta: 1),
            (v, h) => new LMModel7(v.Count, h.Int("n_hidden"), h.Int("n_layers"), h["p"])),
        new("awd_lstm", "AWD-LSTM (fastai's AWD_LSTM with a tied decoder)", DataLayout.Sequence,
            new ModelCapabilities(ModelKind.LanguageModel) { Exports = ModelArtifacts.Encoder | ModelArtifacts.LanguageModel, InitFrom = true, LayerGroups = true },
            new Dictionary<string, double>
            {
                ["emb_sz"] = 400, ["n_hid"] = 1152, ["n_layers"] = 3, ["output_p"] = 0.1, ["hidden_p"] = 0.15, ["input_p"] = 0.25,
                ["embed_p"] = 0.02, ["weight_p"] = 0.2, ["drop_mult"] = 1, ["tie_weights"] = 1, ["out_bias"] = 1,
            },
            new ModelRecipe(15, 1e-2, Wd: 0.1, Alpha: 2, Beta: 1),
            (v, h) => new AwdLstm(v.Count, AwdLstmConfigOf(h, v)))
        {
            // fastai's sizes take ~2 min an epoch on a 30-token corpus; docs/benchmarks.md "AWD-LSTM on Human Numbers"
            // has the search behind this one: emb 64, 128 hidden, 2 layers, output dropout 0.4, hidden and weight 0.2,
            // no input or embedding dropout, fit_one_cycle(30, 1e-2, wd 0.3) with AR 2 / TAR 1 (wd 0.1 until the move to
            // libtorch 2.10, where it gave 0.835 / 0.839 / 0.827 on seeds 42 / 0 / 1 against 0.851 / 0.851 / 0.841 for 0.3).
            HumanNumbers = new CorpusRecipe(
                new Dictionary<string, double>
                {
                    ["emb_sz"] = 64, ["n_hid"] = 128, ["n_layers"] = 2, ["output_p"] = 0.4, ["hidden_p"] = 0.2, ["weight_p"] = 0.2,
                    ["input_p"] = 0, ["embed_p"] = 0, ["lr"] = 1e-2, ["wd"] = 0.3,
                },
                Epochs: 30),
        },
        new("awd_lstm_clas", "AWD-LSTM text classifier (fastai's get_text_classifier: SentenceEncoder + PoolingLinearClassifier)", DataLayout.Labeled,
            new ModelCapabilities(ModelKind.Classifier) { Exports = ModelArtifacts.Encoder, InitFrom = true, LayerGroups = true },
            new Dictionary<string, double>
            {
                // fastai's awd_lstm_clas_config; output_p is the head's first dropout.
                ["emb_sz"] = 400, ["n_hid"] = 1152, ["n_layers"] = 3, ["output_p"] = 0.4, ["hidden_p"] = 0.3, ["input_p"] = 0.4,
                ["embed_p"] = 0.05, ["weight_p"] = 0.5, ["drop_mult"] = 1, ["max_len"] = 72 * 20, ["lin_ftrs"] = 50,
            },
            new ModelRecipe(4, 2e-2),
            (_, _) => throw new ArgumentException("model 'awd_lstm_clas': expected labeled loaders (data kind csv) to build a classifier, got a vocab alone"))
        {
            LabeledFactory = CreateClassifier,
        },
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(d => d.Name).ToArray();

    public static IReadOnlyList<ModelDefinition> Definitions => All;

    public static bool Contains(string name) => Find(name) is not null;

    /// <summary>The names of the models whose capabilities satisfy <paramref name="can"/>, for messages ("awd_lstm or awd_lstm_clas").</summary>
    public static string NamesWhere(Func<ModelCapabilities, bool> can)
    {
        ArgumentNullException.ThrowIfNull(can);
        return string.Join(" or ", All.Where(d => can(d.Capabilities)).Select(d => d.Name));
    }

    /// <exception cref="ArgumentException">no model is called <paramref name="name"/>.</exception>
    public static ModelDefinition Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Find(name) ?? throw new ArgumentException($"model registry: expected one of {string.Join(", ", Names)}, got '{name}'");
    }

    /// <summary>Checks the hyperparameters against the model's (unknown names, whole numbers) without building it.</summary>
    public static Hyperparameters Resolve(string name, IReadOnlyDictionary<string, double>? hyperparameters = null)
    {
        var def = Get(name);
        return new Hyperparameters(def.Name, def.Defaults, hyperparameters);
    }

    /// <summary>
    /// Builds model <paramref name="name"/> for the loaders <paramref name="dls"/> (a classifier takes its classes and
    /// batch layout from them; a language model, its vocab). Uses the global RNG for its initial weights.
    /// </summary>
    public static LanguageModel Create(string name, TextDataLoaders dls, IReadOnlyDictionary<string, double>? hyperparameters = null)
    {
        ArgumentNullException.ThrowIfNull(dls);
        var def = Get(name);
        var h = new Hyperparameters(def.Name, def.Defaults, hyperparameters);
        return def.LabeledFactory is { } labeled ? labeled(dls, h) : def.Factory(dls.Vocab, h);
    }

    /// <summary>
    /// The AWD-LSTM sizes and dropouts of <c>awd_lstm</c> or <c>awd_lstm_clas</c> hyperparameters (padding at the
    /// vocab's <c>xxpad</c>, when it has one); what pretrained weights are checked against.
    /// </summary>
    public static AwdLstmConfig AwdLstmConfigOf(Hyperparameters h, Vocab vocab)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(vocab);
        var tie = !h.Values.ContainsKey("tie_weights") || h.Bool("tie_weights");
        var bias = !h.Values.ContainsKey("out_bias") || h.Bool("out_bias");
        return new AwdLstmConfig(h.Int("emb_sz"), h.Int("n_hid"), h.Int("n_layers"), vocab.Contains(SpecialTokens.Pad) ? vocab.IndexOf(SpecialTokens.Pad) : null,
            h["output_p"], h["hidden_p"], h["input_p"], h["embed_p"], h["weight_p"], h["drop_mult"], tie, bias);
    }

    private static AwdLstmClassifier CreateClassifier(TextDataLoaders dls, Hyperparameters h)
    {
        var classes = dls.Classes ?? throw new ArgumentException("model 'awd_lstm_clas': expected labeled loaders (data kind csv), got loaders without classes");
        if (dls.Train is not ClassifierDataLoader train)
            throw new ArgumentException($"model 'awd_lstm_clas': expected a classifier loader, got {dls.Train.GetType().Name}");
        var config = AwdLstmConfigOf(h, dls.Vocab);
        return new AwdLstmClassifier(dls.Vocab.Count, classes.Count, config, train.PadIndex, train.SeqLen, h.Int("max_len"), [h.Int("lin_ftrs")],
            headOutputP: h["output_p"]);
    }

    /// <summary>Builds model <paramref name="name"/> for <paramref name="vocab"/> (uses the global RNG for its initial weights).</summary>
    public static LanguageModel Create(string name, Vocab vocab, IReadOnlyDictionary<string, double>? hyperparameters = null)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        var def = Get(name);
        return def.Factory(vocab, new Hyperparameters(def.Name, def.Defaults, hyperparameters));
    }

    private static ModelDefinition? Find(string name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
