using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Troupe.Training.Native;

namespace Troupe.Training.Models;

/// <summary>
/// fastbook's LMModel1 refactored with a loop (the first RNN): <c>h = 0; for i in range(3): h = relu(h_h(h + i_h(x[:,i])))</c>;
/// <c>h_o(h)</c>. The hidden state starts at zero for every sample. Input [bs, 3], output [bs, vocab].
/// </summary>
internal sealed class LMModel2 : LanguageModel
{
    private readonly Embedding iH;
    private readonly Linear hH;
    private readonly Linear hO;

    public LMModel2(int vocabSize, int nHidden) : base(nameof(LMModel2))
    {
        ModelChecks.Positive(nameof(LMModel2), ("vocab_sz", vocabSize), ("n_hidden", nHidden));
        iH = this.Register("i_h", nn.Embedding(vocabSize, nHidden));
        hH = this.Register("h_h", nn.Linear(nHidden, nHidden));
        hO = this.Register("h_o", nn.Linear(nHidden, vocabSize));
    }

    public override int? ContextLength => 3;

    public override bool IsStateful => false;

    public override IReadOnlySet<string> NoWeightDecay { get; } = new HashSet<string> { "h_h.bias", "h_o.bias" };

    public override void Reset()
    {
    }

    public override LanguageModelOutput forward(Tensor x)
    {
        CheckInput(x);
        using var scope = NewDisposeScope();
        Tensor? h = null;
        for (var i = 0; i < 3; i++)
        {
            var e = iH.forward(x.select(1, i));
            // h = 0 + e is e itself: the book starts from the integer 0.
            h = nn.functional.relu(hH.forward(h is null ? e : h.add(e, TorchScalars.One)));
        }
        return new LanguageModelOutput(hO.forward(h!).MoveToOuterDisposeScope());
    }
}
