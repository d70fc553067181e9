using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Torch.Tests.Tensors;

/// <summary>
/// A long LSTM training loop whose steps run in dispose scopes must free every temporary: the
/// live-tensor count after 10,000 steps equals the count before them (RSS is measured by bench/Torch).
/// </summary>
[Collection("live-tensor-count")]
public class TrainingLoopLifetimeSpecs
{
    [Fact]
    public void LSTM_training_loop_must_end_at_the_live_tensor_baseline_after_10000_steps()
    {
        const long Vocab = 11, Hidden = 8, Batch = 4, Seq = 5;
        manual_seed(1);
        var baseline = Tensor.LiveCount;
        using (var embedding = nn.Embedding(Vocab, Hidden))
        using (var lstm = nn.LSTM(Hidden, Hidden, 2, batchFirst: true))
        using (var head = nn.Linear(Hidden, Vocab))
        using (var optimizer = optim.AdamW(embedding.Parameters().Concat(lstm.Parameters()).Concat(head.Parameters()), lr: 1e-2))
        using (var x = randint(Vocab, [Batch, Seq]))
        using (var y = randint(Vocab, [Batch, Seq]))
        {
            (Tensor H, Tensor C)? state = null;
            var firstLoss = 0f;
            var lastLoss = 0f;
            for (var step = 0; step < 10_000; step++)
            {
                using var scope = NewDisposeScope();
                var (output, (h, c)) = lstm.Forward(embedding.Forward(x), state);
                var loss = nn.functional.cross_entropy(head.Forward(output).view(-1, Vocab), y.view(-1));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
                state?.H.Dispose();
                state?.C.Dispose();
                state = (h.detach().DetachFromDisposeScope(), c.detach().DetachFromDisposeScope());
                lastLoss = loss.item<float>();
                if (step == 0) firstLoss = lastLoss;
            }
            state?.H.Dispose();
            state?.C.Dispose();
            // The loop trained (one fixed batch is memorized), so every step really ran forward and backward.
            lastLoss.Should().BeLessThan(firstLoss / 2);
        }
        Tensor.LiveCount.Should().Be(baseline);
    }
}
