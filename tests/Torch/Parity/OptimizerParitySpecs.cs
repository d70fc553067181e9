using TorchSharp;
using TorchSharp.Modules;
using Troupe.Torch.Tests.Support;
using static TorchSharp.torch;

namespace Troupe.Torch.Tests.Parity;

/// <summary>Three optimizer steps with given gradients against PyTorch 1.13.1's parameters after each step.</summary>
public class OptimizerParitySpecs
{
    [Fact]
    public void AdamW_must_match_pytorch_for_three_steps()
    {
        using var scope = NewDisposeScope();
        var f = Fixture.Load("adamw_three_steps");
        var p = nn.Parameter(f.Tensor("p0"));
        using var opt = optim.AdamW([p], lr: f.Number("lr"), beta1: f.Number("beta1"), beta2: f.Number("beta2"),
            eps: f.Number("eps"), weightDecay: f.Number("weight_decay"));
        RunSteps(p, opt, f);
        p.Dispose();
    }

    [Fact]
    public void SGD_with_momentum_must_match_pytorch_for_three_steps()
    {
        using var scope = NewDisposeScope();
        var f = Fixture.Load("sgd_momentum_three_steps");
        var p = nn.Parameter(f.Tensor("p0"));
        using var opt = optim.SGD([p], lr: f.Number("lr"), momentum: f.Number("momentum"), weightDecay: f.Number("weight_decay"));
        RunSteps(p, opt, f);
        p.Dispose();
    }

    private static void RunSteps(Parameter p, optim.Optimizer opt, Fixture f)
    {
        var grads = f.Tensors("grads");
        var after = f.Tensors("after");
        for (var step = 0; step < grads.Count; step++)
        {
            p.grad = grads[step];
            opt.Step();
            TensorAssert.Close(p, after[step], 1e-6, $"parameter after step {step + 1}");
        }
    }
}
