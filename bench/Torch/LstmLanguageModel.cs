using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Torch.Bench;

/// <summary>
/// The benchmarked model, the same as train_step.py's: embedding -> 2-layer LSTM (batch first) ->
/// linear to the vocabulary. The hidden state is carried across steps and detached (truncated BPTT),
/// as the model actors train.
/// </summary>
internal sealed class LstmLanguageModel : nn.Module<Tensor, Tensor>
{
    private (Tensor H, Tensor C)? state;

    public LstmLanguageModel(long vocab, long hidden, long layers)
    {
        Embedding = RegisterModule("i_h", nn.Embedding(vocab, hidden));
        Lstm = RegisterModule("rnn", nn.LSTM(hidden, hidden, layers, batchFirst: true));
        Output = RegisterModule("h_o", nn.Linear(hidden, vocab));
    }

    public Embedding Embedding { get; }

    public LSTM Lstm { get; }

    public Linear Output { get; }

    /// <summary>x [batch, seq] token ids -> logits [batch, seq, vocab].</summary>
    public override Tensor Forward(Tensor x)
    {
        var (output, (h, c)) = Lstm.Forward(Embedding.Forward(x), state);
        Reset();
        // The detached state outlives the step's dispose scope; Reset frees it.
        state = (h.detach().DetachFromDisposeScope(), c.detach().DetachFromDisposeScope());
        return Output.Forward(output);
    }

    public void Reset()
    {
        state?.H.Dispose();
        state?.C.Dispose();
        state = null;
    }
}
