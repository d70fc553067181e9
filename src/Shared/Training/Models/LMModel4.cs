using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Troupe.Training.Native;

namespace Troupe.Training.Models;

/// <summary>
/// fastbook's LMModel4: LMModel3 predicting after every token. For each of the <c>sl</c> positions,
/// <c>h = relu(h_h(h + i_h(x[:,i])))</c> and <c>h_o(h)</c> is an output; outputs are stacked on dim 1 and
/// <c>h</c> is detached after the batch and kept for the next. Input [bs, sl], output [bs, sl, vocab].
/// </summary>
internal sealed class LMModel4 : LanguageModel
{
    private readonly Embedding iH;
    private readonly Linear hH;
    private readonly Linear hO;
    private Tensor? h;

    public LMModel4(int vocabSize, int nHidden) : base(nameof(LMModel4))
    {
        ModelChecks.Positive(nameof(LMModel4), ("vocab_sz", vocabSize), ("n_hidden", nHidden));
        iH = this.Register("i_h", nn.Embedding(vocabSize, nHidden));
        hH = this.Register("h_h", nn.Linear(nHidden, nHidden));
        hO = this.Register("h_o", nn.Linear(nHidden, vocabSize));
        RegisterState("h");
    }

    public override bool IsStateful => true;

    public override IReadOnlySet<string> NoWeightDecay { get; } = new HashSet<string> { "h_h.bias", "h_o.bias" };

    /// <summary>The kept hidden state [bs, n_hidden], or null while it is the book's <c>0</c>.</summary>
    public Tensor? Hidden => h;

    public override void Reset() => SetState("h", ref h, null);

    public override LanguageModelOutput forward(Tensor x)
    {
        CheckInput(x);
        using var scope = NewDisposeScope();
        var state = h is null ? null : HiddenState.Resize(h, x.size(0), 0);
        var sl = x.size(1);
        var outs = new Tensor[sl];
        for (var i = 0; i < sl; i++)
        {
            var e = iH.forward(x.select(1, i));
            state = nn.functional.relu(hH.forward(state is null ? e : state.add(e, TorchScalars.One)));
            outs[i] = hO.forward(state);
        }
        var output = stack(outs, 1).MoveToOuterDisposeScope();
        SetState("h", ref h, state!.detach());
        return new LanguageModelOutput(output);
    }
}
