using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Torch.Tests.Parity;

/// <summary>
/// fastbook chapter 12's LMModel4: an RNN unrolled by hand over the sequence, predicting after every
/// token, with the hidden state kept across batches and detached after each forward (truncated BPTT).
/// </summary>
internal sealed class LMModel4 : nn.Module<Tensor, Tensor>
{
    private Tensor? h;

    public LMModel4(long vocab, long hidden)
    {
        InputHidden = RegisterModule("i_h", nn.Embedding(vocab, hidden));
        HiddenHidden = RegisterModule("h_h", nn.Linear(hidden, hidden));
        HiddenOutput = RegisterModule("h_o", nn.Linear(hidden, vocab));
    }

    public Embedding InputHidden { get; }

    public Linear HiddenHidden { get; }

    public Linear HiddenOutput { get; }

    /// <summary>x [batch, seq] of token ids -> logits [batch, seq, vocab].</summary>
    public override Tensor Forward(Tensor x)
    {
        var outs = new List<Tensor>();
        var steps = x.size(1);
        var state = h;
        for (var i = 0; i < steps; i++)
        {
            var input = InputHidden.Forward(x.select(1, i));
            state = state is null ? input : state + input;
            state = HiddenHidden.Forward(state).relu();
            outs.Add(HiddenOutput.Forward(state));
        }
        Reset();
        h = state!.detach().DetachFromDisposeScope();
        return stack(outs, 1);
    }

    /// <summary>Back to h = 0 (fastai's ModelResetter calls this at the start of each pass).</summary>
    public void Reset()
    {
        h?.Dispose();
        h = null;
    }
}
