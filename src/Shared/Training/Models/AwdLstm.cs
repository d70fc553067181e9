using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// fastai's AWD-LSTM language model (<c>SequentialRNN(AWD_LSTM, LinearDecoder)</c>): embedding dropout on the
/// encoder's rows, input dropout (one mask per sequence) on the embeddings, a stack of one-layer LSTMs
/// with weight dropout on their hidden-to-hidden weights, hidden dropout between layers, output dropout
/// before a linear decoder tied to the encoder. Layer l maps to <c>HiddenSize</c> features except the last,
/// which maps back to <c>EmbSize</c> (so the decoder can share the encoder's weight). The hidden state
/// ((h, c) per layer, [1, bs, features]) is kept and detached between batches and resized when the batch
/// size changes (rows padded with zeros or cut, as fastai's <c>_change_hidden</c>). Forward returns the
/// logits [bs, sl, vocab], the last layer's output and its output-dropped version (for AR/TAR).
/// </summary>
public sealed class AwdLstm : LanguageModel
{
    private const double InitRange = 0.1;

    private readonly Embedding encoder;
    private readonly EmbeddingDropout encoderDp;
    private readonly WeightDropout[] rnns;
    private readonly RNNDropout inputDp;
    private readonly RNNDropout[] hiddenDps;
    private readonly RNNDropout outputDp;
    private readonly nn.Module<Tensor, Tensor> decoder;
    private readonly Tensor?[] hs;
    private readonly Tensor?[] cs;

    public AwdLstm(int vocabSize, AwdLstmConfig? config = null) : base(nameof(AwdLstm))
    {
        var cfg = config ?? new AwdLstmConfig();
        ModelChecks.Positive(nameof(AwdLstm), ("vocab_sz", vocabSize), ("emb_sz", cfg.EmbSize), ("n_hid", cfg.HiddenSize), ("n_layers", cfg.Layers));
        if (!(cfg.DropMult >= 0)) throw new ArgumentOutOfRangeException(nameof(config), $"AwdLstm: expected drop_mult >= 0, got {cfg.DropMult}");
        var m = cfg.DropMult;
        ModelChecks.Probability(nameof(AwdLstm), ("output_p", cfg.OutputP * m), ("hidden_p", cfg.HiddenP * m), ("input_p", cfg.InputP * m),
            ("embed_p", cfg.EmbedP * m), ("weight_p", cfg.WeightP * m));
        if (cfg.PadToken is { } pad && (pad < 0 || pad >= vocabSize))
            throw new ArgumentOutOfRangeException(nameof(config), $"AwdLstm: expected pad_token in [0, {vocabSize}) or none, got {pad}");
        Config = cfg;
        VocabSize = vocabSize;

        // Same construction order as fastai, so a seeded model draws the same numbers.
        encoder = this.Register("encoder", nn.Embedding(vocabSize, cfg.EmbSize, cfg.PadToken));
        encoderDp = this.Register("encoder_dp", new EmbeddingDropout(encoder, cfg.EmbedP * m, cfg.PadToken));
        rnns = new WeightDropout[cfg.Layers];
        var rnnList = this.Register("rnns", new ModuleList());
        for (var l = 0; l < cfg.Layers; l++)
        {
            var nIn = l == 0 ? cfg.EmbSize : cfg.HiddenSize;
            var nOut = l == cfg.Layers - 1 ? cfg.EmbSize : cfg.HiddenSize;
            rnns[l] = rnnList.Add(new WeightDropout(nIn, nOut, cfg.WeightP * m));
        }
        using (no_grad()) encoder.weight!.uniform_(-InitRange, InitRange);
        inputDp = this.Register("input_dp", new RNNDropout(cfg.InputP * m));
        hiddenDps = new RNNDropout[cfg.Layers];
        var dpList = this.Register("hidden_dps", new ModuleList());
        for (var l = 0; l < cfg.Layers; l++) hiddenDps[l] = dpList.Add(new RNNDropout(cfg.HiddenP * m));

        var linear = nn.Linear(cfg.EmbSize, vocabSize, cfg.OutBias);
        using (no_grad())
        {
            linear.weight.uniform_(-InitRange, InitRange);
            linear.bias?.zero_();
        }
        outputDp = this.Register("output_dp", new RNNDropout(cfg.OutputP * m));
        decoder = this.Register<nn.Module<Tensor, Tensor>>("decoder", cfg.TieWeights ? new TiedLinear(encoder.weight!, linear) : linear);
        NoWeightDecay = cfg.OutBias ? new HashSet<string> { "decoder.bias" } : new HashSet<string>();

        hs = new Tensor?[cfg.Layers];
        cs = new Tensor?[cfg.Layers];
        for (var l = 0; l < cfg.Layers; l++)
        {
            RegisterState($"hidden_{l}_h");
            RegisterState($"hidden_{l}_c");
        }
    }

    public AwdLstmConfig Config { get; }

    public int VocabSize { get; }

    public override bool IsStateful => true;

    public override bool ReturnsActivations => true;

    /// <summary>fastai's <c>awd_lstm_lm_split</c>: one group per LSTM layer (with its dropout), then embedding and decoder together.</summary>
    public override int GroupCount => Config.Layers + 1;

    public override int GroupOf(string parameterName)
    {
        ArgumentNullException.ThrowIfNull(parameterName);
        if (parameterName.StartsWith("rnns.", StringComparison.Ordinal))
            return int.Parse(parameterName.AsSpan(5, parameterName.IndexOf('.', 5) - 5), System.Globalization.CultureInfo.InvariantCulture);
        return Config.Layers;
    }

    public override IReadOnlySet<string> NoWeightDecay { get; }

    /// <summary>Rows of the kept hidden state (0 after a reset).</summary>
    public long HiddenRows => hs[0]?.size(1) ?? 0;

    public override void Reset()
    {
        for (var l = 0; l < hs.Length; l++)
        {
            SetState($"hidden_{l}_h", ref hs[l], null);
            SetState($"hidden_{l}_c", ref cs[l], null);
        }
    }

    public override LanguageModelOutput forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var output = Encode(x);
        var dropped = outputDp.forward(output);
        var decoded = decoder.forward(dropped);
        // Without output dropout (eval, or p = 0) RNNDropout hands back its input: give raw its own handle (a view keeps the graph).
        var raw = ReferenceEquals(dropped, output) ? output.view(output.shape) : output;
        return new LanguageModelOutput(decoded.MoveToOuterDisposeScope(), raw.MoveToOuterDisposeScope(), dropped.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// fastai's <c>AWD_LSTM.forward</c> (the encoder alone): ids [bs, sl] -> the last layer's output [bs, sl, emb_sz],
    /// before output dropout; the hidden state is carried and resized like <see cref="forward"/>'s.
    /// </summary>
    public Tensor Encode(Tensor x)
    {
        CheckInput(x);
        using var scope = NewDisposeScope();
        var bs = x.size(0);
        var output = inputDp.forward(encoderDp.forward(x));
        var next = new (Tensor H, Tensor C)[rnns.Length];
        for (var l = 0; l < rnns.Length; l++)
        {
            (Tensor, Tensor)? state = hs[l] is null ? null : (HiddenState.Resize(hs[l]!, bs, 1), HiddenState.Resize(cs[l]!, bs, 1));
            (output, next[l]) = rnns[l].forward(output, state);
            if (l != rnns.Length - 1) output = hiddenDps[l].forward(output);
        }
        for (var l = 0; l < rnns.Length; l++)
        {
            SetState($"hidden_{l}_h", ref hs[l], next[l].H.detach());
            SetState($"hidden_{l}_c", ref cs[l], next[l].C.detach());
        }
        return output.MoveToOuterDisposeScope();
    }
}
