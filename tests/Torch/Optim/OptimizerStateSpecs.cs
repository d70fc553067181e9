using TorchSharp;
using TorchSharp.Modules;
using Troupe.Torch.Tests.Support;
using static TorchSharp.torch;

namespace Troupe.Torch.Tests.Optim;

/// <summary>
/// Exact resume needs the optimizer state: an optimizer restored from a saved StateDict (through
/// torch.save bytes, as checkpoints travel) must continue with the very updates of the original.
/// </summary>
public class OptimizerStateSpecs
{
    [Theory]
    [InlineData("adamw")]
    [InlineData("sgd")]
    public void Restored_optimizer_must_continue_bitwise_like_the_original(string kind)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var original = nn.Parameter(randn([5, 3]));
        using var optimizer = Create(kind, original);
        for (var i = 0; i < 3; i++) Step(original, optimizer);

        var saved = torch.save(optimizer.StateDict());
        var restored = nn.Parameter(original.detach().clone());
        using var resumed = Create(kind, restored);
        resumed.LoadStateDict(torch.load(saved));

        for (var i = 0; i < 2; i++)
        {
            Step(original, optimizer);
            Step(restored, resumed);
        }
        TensorAssert.Equal(restored, original, "parameter after resuming");
        original.Dispose();
        restored.Dispose();
    }

    [Fact]
    public void LoadStateDict_must_refuse_state_of_another_shape_and_change_nothing()
    {
        using var scope = NewDisposeScope();
        var small = nn.Parameter(randn([2]));
        var large = nn.Parameter(randn([3]));
        using var source = optim.AdamW([small]);
        Step(small, source);
        using var target = optim.AdamW([large]);
        var before = target.StateDict().Count;

        var act = () => target.LoadStateDict(source.StateDict());
        act.Should().Throw<TorchException>().WithMessage("*'state.0.exp_avg': expected shape [3], got [2]*");
        target.StateDict().Count.Should().Be(before);
        small.Dispose();
        large.Dispose();
    }

    private static optim.Optimizer Create(string kind, Parameter p) => kind == "adamw"
        ? optim.AdamW([p], lr: 0.05, weightDecay: 0.1)
        : optim.SGD([p], lr: 0.05, momentum: 0.9, nesterov: true);

    // loss = sum(p^3): a gradient that changes with p, so a wrong state shows up at once.
    private static void Step(Parameter p, optim.Optimizer optimizer)
    {
        using var scope = NewDisposeScope();
        optimizer.ZeroGrad();
        (p * p * p).sum().backward();
        optimizer.Step();
    }
}
