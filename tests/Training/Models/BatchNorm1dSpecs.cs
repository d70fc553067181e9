using System.Runtime.InteropServices;
using TorchSharp;
using Troupe.Training.Tests.Support;
using static TorchSharp.torch;

namespace Troupe.Training.Tests.Models;

/// <summary>TorchSharp's BatchNorm1d as the classifier head uses it (PyTorch's semantics, state-dict names and errors).</summary>
public sealed class BatchNorm1dSpecs
{
    private static readonly float[] Input = [1, 2, 3, -1, 0, 5, 2, 2, 2, 0, 4, 8];

    [Fact]
    public void Training_must_normalize_with_batch_statistics_and_update_the_running_ones()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm1d(3);
        var x = tensor(Input, [4, 3]);

        var y = bn.forward(x).ToFloats();

        var runningMean = bn.running_mean!.ToFloats();
        var runningVar = bn.running_var!.ToFloats();
        for (var c = 0; c < 3; c++)
        {
            var column = Enumerable.Range(0, 4).Select(r => (double)Input[r * 3 + c]).ToArray();
            var mean = column.Average();
            var biased = column.Sum(v => (v - mean) * (v - mean)) / 4;
            for (var r = 0; r < 4; r++) y[r * 3 + c].Should().BeApproximately((float)((column[r] - mean) / Math.Sqrt(biased + 1e-5)), 1e-5f);
            runningMean[c].Should().BeApproximately((float)(0.1 * mean), 1e-6f);
            runningVar[c].Should().BeApproximately((float)(0.9 + 0.1 * biased * 4 / 3), 1e-6f, "PyTorch keeps the unbiased variance");
        }
    }

    [Fact]
    public void Eval_must_use_the_running_statistics_and_the_state_dict_must_carry_them()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm1d(3);
        bn.forward(tensor(Input, [4, 3]));
        bn.eval();

        var y = bn.forward(tensor(new float[] { 1, 1, 1 }, [1, 3])).ToFloats();

        var mean = bn.running_mean!.ToFloats();
        var variance = bn.running_var!.ToFloats();
        for (var c = 0; c < 3; c++) y[c].Should().BeApproximately((1 - mean[c]) / MathF.Sqrt(variance[c] + 1e-5f), 1e-5f);
        bn.state_dict().Keys.Should().BeEquivalentTo("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
    }

    [Fact]
    public void Wrong_feature_count_must_be_an_exception_and_leave_the_module_working()
    {
        // libtorch's error surfaces from TorchSharp as ExternalException (no process abort, unlike Tensor.matmul in 0.107).
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm1d(3);

        var act = () => bn.forward(zeros([2, 4]));

        act.Should().Throw<ExternalException>();
        bn.forward(zeros([2, 3])).shape.Should().Equal(2, 3);
    }
}
