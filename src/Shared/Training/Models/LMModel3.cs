using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Troupe.Training.Native;

namespace Troupe.Training.Models;

/// <summary>
/// fastbook's stateful RNN: LMModel2 whose hidden state <c>h</c> survives from one batch to the next (each
/// row continues its stream, so the loaders must use group_chunks) and is detached after every batch
/// (truncated BPTT over 3 tokens). <see cref="Reset"/> sets <c>h</c> back to 0. Input [bs, 3], output [bs, vocab].
/// </summary>
internal sealed class LMModel3 : LanguageModel
{
    private readonly Embedding iH;
    private readonly Linear hH;
    private readonly Linear hO;
    private Tensor? h;

    public LMModel3(int vocabSize, int nHidden) : base(nameof(LMModel3))
    {
        ModelChecks.Positive(nameof(LMModel3), ("vocab_sz", vocabSize), ("n_hidden", nHidden));
        iH = this.Register("i_h", nn.Embedding(vocabSize, nHidden));
        hH = this.Register("h_h", nn.Linear(nHidden, nHidden));
        hO = this.Register("h_o", nn.Linear(nHidden, vocabSize));
        RegisterState("h");
    }

    public override int? ContextLength => 3;

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
        for (var i = 0; i < 3; i++)
        {
            var e = iH.forward(x.select(1, i));
            state = nn.functional.relu(hH.forward(state is null ? e : state.add(e, TorchScalars.One)));
        }
        var output = hO.forward(state!).MoveToOuterDisposeScope();
        SetState("h", ref h, state!.detach());
        return new LanguageModelOutput(output);
    }
}
