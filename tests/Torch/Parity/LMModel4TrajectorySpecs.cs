using TorchSharp;
using Troupe.Torch.Tests.Support;
using static TorchSharp.torch;

namespace Troupe.Torch.Tests.Parity;

/// <summary>Twenty AdamW steps of LMModel4 against PyTorch 1.13.1: every loss and the final weights.</summary>
public class LMModel4TrajectorySpecs
{
    [Fact]
    public void LMModel4_must_follow_pytorch_for_twenty_adamw_steps()
    {
        using var scope = NewDisposeScope();
        var f = Fixture.Load("lmmodel4_twenty_steps");
        var vocab = (long)f.Number("vocab");
        using var model = new LMModel4(vocab, (long)f.Number("n_hidden"));
        model.LoadStateDict(model.StateDict().Keys.ToDictionary(k => k, k => f.Tensor(k)));
        using var opt = optim.AdamW(model.Parameters(), lr: f.Number("lr"), beta1: f.Number("beta1"), beta2: f.Number("beta2"),
            eps: f.Number("eps"), weightDecay: f.Number("weight_decay"));
        var xs = f.Tensor("xs");
        var ys = f.Tensor("ys");
        var expected = f.Numbers("losses");

        for (var step = 0; step < expected.Length; step++)
        {
            using var stepScope = NewDisposeScope();
            var output = model.Forward(xs[step]);
            var loss = nn.functional.cross_entropy(output.view(-1, vocab), ys[step].view(-1));
            opt.ZeroGrad();
            loss.backward();
            opt.Step();
            loss.item<float>().Should().BeApproximately((float)expected[step], 1e-5f, $"loss of step {step + 1}");
        }

        foreach (var (name, p) in model.NamedParameters())
            TensorAssert.Close(p, f.Tensor("final." + name), 1e-5, "final." + name);
        model.Reset();
    }
}
