using TorchSharp;
using TorchSharp.Modules;
using Troupe.Training.Models;
using static TorchSharp.torch;

namespace Troupe.Bench.Torch;

/// <summary>
/// The benchmarked model, the same as train_step.py's: embedding -> 2-layer LSTM (batch first) -> linear to the
/// vocabulary. The hidden state is carried across steps and detached (truncated BPTT), as the model actors train.
/// </summary>
internal sealed class LstmLanguageModel : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly LSTM lstm;
    private readonly Linear output;
    private (Tensor H, Tensor C)? state;

    public LstmLanguageModel(long vocab, long hidden, long layers) : base(nameof(LstmLanguageModel))
    {
        embedding = this.Register("i_h", nn.Embedding(vocab, hidden));
        lstm = this.Register("rnn", nn.LSTM(hidden, hidden, layers, batchFirst: true));
        output = this.Register("h_o", nn.Linear(hidden, vocab));
    }

    /// <summary>x [batch, seq] token ids -> logits [batch, seq, vocab].</summary>
    public override Tensor forward(Tensor x)
    {
        var (y, h, c) = lstm.forward(embedding.forward(x), state);
        Reset();
        // The detached state outlives the step's dispose scope; Reset frees it.
        state = (h.detach().DetachFromDisposeScope(), c.detach().DetachFromDisposeScope());
        return output.forward(y);
    }

    public void Reset()
    {
        state?.H.Dispose();
        state?.C.Dispose();
        state = null;
    }
}
