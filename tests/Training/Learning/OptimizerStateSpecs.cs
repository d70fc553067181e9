using TorchSharp;
using TorchSharp.Modules;
using Troupe.Training.Learning;
using Troupe.Training.Serialization;
using Troupe.Training.Tests.Support;
using static TorchSharp.torch;

namespace Troupe.Training.Tests.Learning;

/// <summary>
/// Exact resume needs the optimizer state: Troupe's fastai optimizers restored from their state tensors and step counts
/// (through StateDicts bytes, as checkpoints carry them) must continue with the very updates of the original.
/// </summary>
public sealed class OptimizerStateSpecs
{
    [Theory]
    [InlineData("Adam")]
    [InlineData("SGD")]
    public void Restored_optimizer_must_continue_bitwise_like_the_original(string kind)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var original = new Parameter(randn([5, 3]));
        using var optimizer = Create(kind, original);
        for (var i = 0; i < 3; i++) Step(original, optimizer);

        var saved = StateDicts.Save(optimizer.StateTensors());
        var steps = optimizer.StepCounts();
        using var restored = new Parameter(original.detach().clone());
        using var resumed = Create(kind, restored);
        resumed.LoadState(StateDicts.Load(saved), steps);

        for (var i = 0; i < 2; i++)
        {
            Step(original, optimizer);
            Step(restored, resumed);
        }
        TensorAssert.Equal(restored, original, "parameter after resuming");
    }

    [Fact]
    public void LoadState_must_refuse_state_of_another_shape_and_change_nothing()
    {
        using var scope = NewDisposeScope();
        using var small = new Parameter(randn([2]));
        using var large = new Parameter(randn([3]));
        using var source = Create("Adam", small);
        Step(small, source);
        using var target = Create("Adam", large);
        Step(large, target);
        var before = target.StateTensors().ToDictionary(kv => kv.Key, kv => kv.Value.ToFloats());

        var act = () => target.LoadState(source.StateTensors().ToDictionary(kv => kv.Key, kv => kv.Value), source.StepCounts());

        act.Should().Throw<ArgumentException>().WithMessage("Adam.LoadState: '0.grad_avg' expected shape [3], got [2]*");
        target.StateTensors().ToDictionary(kv => kv.Key, kv => kv.Value.ToFloats()).Should().BeEquivalentTo(before);
        target.StepCounts().Should().Equal(1);
    }

    private static FastaiOptimizer Create(string kind, Parameter p) => kind == "Adam"
        ? new FastaiAdam([("p", p)], new HashSet<string>(), lr: 0.05, wd: 0.1)
        : new FastaiSgd([("p", p)], new HashSet<string>(), lr: 0.05, mom: 0.9, wd: 0.1);

    // loss = sum(p^3): a gradient that changes with p, so a wrong state shows up at once.
    private static void Step(Parameter p, FastaiOptimizer optimizer)
    {
        using var scope = NewDisposeScope();
        optimizer.ZeroGrad();
        (p * p * p).sum().backward();
        optimizer.Step();
    }
}
