using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// fastbook's LSTM language model: LMModel5 with <c>nn.LSTM</c>; the kept state is (h, c), each
/// [n_layers, bs, n_hidden], detached between batches. Input [bs, sl], output [bs, sl, vocab].
/// </summary>
public sealed class LMModel6 : LanguageModel
{
    private readonly Embedding iH;
    private readonly LSTM rnn;
    private readonly Linear hO;
    private Tensor? h;
    private Tensor? c;

    public LMModel6(int vocabSize, int nHidden, int nLayers) : base(nameof(LMModel6))
    {
        ModelChecks.Positive(nameof(LMModel6), ("vocab_sz", vocabSize), ("n_hidden", nHidden), ("n_layers", nLayers));
        iH = this.Register("i_h", nn.Embedding(vocabSize, nHidden));
        rnn = this.Register("rnn", nn.LSTM(nHidden, nHidden, nLayers, batchFirst: true));
        hO = this.Register("h_o", nn.Linear(nHidden, vocabSize));
        RegisterState("h");
        RegisterState("c");
    }

    public override bool IsStateful => true;

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
        var (res, hn, cn) = rnn.forward(iH.forward(x), state);
        SetState("h", ref h, hn.detach());
        SetState("c", ref c, cn.detach());
        return new LanguageModelOutput(hO.forward(res).MoveToOuterDisposeScope());
    }
}
