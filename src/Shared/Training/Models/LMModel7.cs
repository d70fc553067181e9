using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// fastbook's regularized LSTM (<c>LMModel7</c>): LMModel6 with dropout <c>p</c> on the LSTM output before
/// the output layer, and the output layer's weight tied to the embedding. Forward returns the logits
/// [bs, sl, vocab], the LSTM output <c>raw</c> and its dropped-out version, [bs, sl, n_hidden] each, for
/// AR/TAR.
/// </summary>
public sealed class LMModel7 : LanguageModel
{
    private readonly Embedding iH;
    private readonly LSTM rnn;
    private readonly Dropout drop;
    private readonly TiedLinear hO;
    private Tensor? h;
    private Tensor? c;

    public LMModel7(int vocabSize, int nHidden, int nLayers, double p) : base(nameof(LMModel7))
    {
        ModelChecks.Positive(nameof(LMModel7), ("vocab_sz", vocabSize), ("n_hidden", nHidden), ("n_layers", nLayers));
        ModelChecks.Probability(nameof(LMModel7), ("p", p));
        iH = this.Register("i_h", nn.Embedding(vocabSize, nHidden));
        rnn = this.Register("rnn", nn.LSTM(nHidden, nHidden, nLayers, batchFirst: true));
        drop = this.Register("drop", nn.Dropout(p));
        hO = this.Register("h_o", new TiedLinear(iH.weight!, nn.Linear(nHidden, vocabSize)));
        RegisterState("h");
        RegisterState("c");
    }

    public override bool IsStateful => true;

    public override bool ReturnsActivations => true;

    public override IReadOnlySet<string> NoWeightDecay { get; } = new HashSet<string> { "h_o.bias" };

    /// <summary>The kept (h, c), or null for zeros.</summary>
    public (Tensor H, Tensor C)? Hidden => h is null ? null : (h, c!);

    public override void Reset()
    {
        SetState("h", ref h, null);
        SetState("c", ref c, null);
    }

    public override LanguageModelOutput forward(Tensor x)
    {
        CheckInput(x);
        using var scope = NewDisposeScope();
        (Tensor, Tensor)? state = h is null ? null : (HiddenState.Resize(h, x.size(0), 1), HiddenState.Resize(c!, x.size(0), 1));
        var (raw, hn, cn) = rnn.forward(iH.forward(x), state);
        var dropped = drop.forward(raw);
        SetState("h", ref h, hn.detach());
        SetState("c", ref c, cn.detach());
        var output = hO.forward(dropped);
        return new LanguageModelOutput(output.MoveToOuterDisposeScope(), raw.MoveToOuterDisposeScope(), dropped.MoveToOuterDisposeScope());
    }
}
