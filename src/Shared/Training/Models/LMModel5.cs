using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// fastbook's multilayer RNN: <c>nn.RNN(n_hidden, n_hidden, n_layers, batch_first=True)</c> between the
/// embedding and the output layer, hidden state [n_layers, bs, n_hidden] kept and detached between batches.
/// Input [bs, sl], output [bs, sl, vocab].
/// </summary>
internal sealed class LMModel5 : LanguageModel
{
    private readonly Embedding iH;
    private readonly RNN rnn;
    private readonly Linear hO;
    private Tensor? h;

    public LMModel5(int vocabSize, int nHidden, int nLayers) : base(nameof(LMModel5))
    {
        ModelChecks.Positive(nameof(LMModel5), ("vocab_sz", vocabSize), ("n_hidden", nHidden), ("n_layers", nLayers));
        iH = this.Register("i_h", nn.Embedding(vocabSize, nHidden));
        rnn = this.Register("rnn", nn.RNN(nHidden, nHidden, nLayers, batchFirst: true));
        hO = this.Register("h_o", nn.Linear(nHidden, vocabSize));
        RegisterState("h");
    }

    public override bool IsStateful => true;

    public override IReadOnlySet<string> NoWeightDecay { get; } = new HashSet<string> { "h_o.bias" };

    /// <summary>The kept hidden state [n_layers, bs, n_hidden], or null for zeros.</summary>
    public Tensor? Hidden => h;

    public override void Reset() => SetState("h", ref h, null);

    public override LanguageModelOutput forward(Tensor x)
    {
        CheckInput(x);
        using var scope = NewDisposeScope();
        var state = h is null ? null : HiddenState.Resize(h, x.size(0), 1);
        var (res, hn) = rnn.forward(iH.forward(x), state);
        SetState("h", ref h, hn.detach());
        return new LanguageModelOutput(hO.forward(res).MoveToOuterDisposeScope());
    }
}
