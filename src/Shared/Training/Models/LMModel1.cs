using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Troupe.Training.Native;

namespace Troupe.Training.Models;

/// <summary>
/// fastbook chapter 12's first language model: three words in, the fourth predicted. One embedding
/// (<c>i_h</c>), one hidden-to-hidden layer (<c>h_h</c>) used for every word, one output layer (<c>h_o</c>):
/// <c>h = relu(h_h(i_h(x0))); h = relu(h_h(h + i_h(x1))); h = relu(h_h(h + i_h(x2))); h_o(h)</c>.
/// Input [bs, 3], output [bs, vocab].
/// </summary>
internal sealed class LMModel1 : LanguageModel
{
    private readonly Embedding iH;
    private readonly Linear hH;
    private readonly Linear hO;

    public LMModel1(int vocabSize, int nHidden) : base(nameof(LMModel1))
    {
        ModelChecks.Positive(nameof(LMModel1), ("vocab_sz", vocabSize), ("n_hidden", nHidden));
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
        var h = nn.functional.relu(hH.forward(iH.forward(x.select(1, 0))));
        h = h.add(iH.forward(x.select(1, 1)), TorchScalars.One);
        h = nn.functional.relu(hH.forward(h));
        h = h.add(iH.forward(x.select(1, 2)), TorchScalars.One);
        h = nn.functional.relu(hH.forward(h));
        return new LanguageModelOutput(hO.forward(h).MoveToOuterDisposeScope());
    }
}
