using TorchSharp;
using Troupe.Training.Models;
using Troupe.Training.Tests.Support;
using static TorchSharp.torch;

namespace Troupe.Training.Tests.Models;

/// <summary>
/// fastai's weight dropout (DropConnect on the hidden-to-hidden weight) in Troupe's WeightDropout layer: a fresh mask
/// per forward in training, none in eval, and gradients that reach the raw weight through the mask.
/// </summary>
public sealed class WeightDropoutSpecs
{
    [Fact]
    public void Training_must_draw_a_fresh_mask_per_forward_and_eval_none()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var layer = new WeightDropout(4, 6, 0.5);
        var x = randn([2, 5, 4]);
        var state = (randn([1, 2, 6]), randn([1, 2, 6]));

        layer.train();
        var a = layer.forward(x, state).Output;
        var b = layer.forward(x, state).Output;
        layer.eval();
        var c = layer.forward(x, state).Output;
        var d = layer.forward(x, state).Output;
        using (no_grad()) layer.load_state_dict(new Dictionary<string, Tensor> { ["weight_hh_l0_raw"] = layer.state_dict()["weight_hh_l0_raw"] * 0 }, strict: false);
        var withoutHh = layer.forward(x, state).Output;

        (a - b).abs().max().item<float>().Should().BeGreaterThan(1e-3f, "two training calls must draw two masks");
        TensorAssert.Equal(c, d, "eval calls");
        (a - c).abs().max().item<float>().Should().BeGreaterThan(1e-3f, "training must drop weights, eval must not");
        (c - withoutHh).abs().max().item<float>().Should().BeGreaterThan(1e-3f, "eval must use the raw hidden-to-hidden weight");
    }

    [Fact]
    public void Eval_must_use_the_raw_weight_unscaled()
    {
        // Against the same layer with weight_p 0 (no dropout anywhere): eval must compute exactly what it computes.
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var dropped = new WeightDropout(4, 6, 0.5);
        using var plain = new WeightDropout(4, 6, 0);
        plain.load_state_dict(dropped.state_dict());
        dropped.eval();
        plain.train();
        var x = randn([3, 4, 4]);

        TensorAssert.Equal(dropped.forward(x, null).Output, plain.forward(x, null).Output, "eval output against weight_p 0");
    }

    [Fact]
    public void Gradients_must_reach_the_raw_weight_through_the_mask()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var layer = new WeightDropout(4, 6, 0.5);
        layer.train();
        var ps = layer.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        ps.Keys.Should().BeEquivalentTo("weight_hh_l0_raw", "module.weight_ih_l0", "module.bias_ih_l0", "module.bias_hh_l0");

        layer.forward(randn([3, 5, 4]), (randn([1, 3, 6]), randn([1, 3, 6]))).Output.sum().backward();

        var grad = ps["weight_hh_l0_raw"].grad;
        grad.Should().NotBeNull("weight_hh_l0_raw is the trained parameter");
        var zeros = grad!.eq(0).sum().item<long>();
        zeros.Should().BeGreaterThan(0, "dropped weights get no gradient");
        zeros.Should().BeLessThan(grad.numel(), "kept weights do");
        foreach (var (name, p) in ps) p.grad!.abs().sum().item<float>().Should().BeGreaterThan(0, name);
    }
}
