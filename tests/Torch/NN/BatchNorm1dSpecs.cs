using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Torch.Tests.NN;

public sealed class BatchNorm1dSpecs
{
    private static readonly float[] Input = [1, 2, 3, -1, 0, 5, 2, 2, 2, 0, 4, 8];

    [Fact]
    public void Training_must_normalize_with_batch_statistics_and_update_the_running_ones()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm1d(3);
        var x = tensor(Input, [4, 3]);

        var y = bn.Forward(x).data<float>();

        for (var c = 0; c < 3; c++)
        {
            var column = Enumerable.Range(0, 4).Select(r => (double)Input[r * 3 + c]).ToArray();
            var mean = column.Average();
            var biased = column.Sum(v => (v - mean) * (v - mean)) / 4;
            for (var r = 0; r < 4; r++) y[r * 3 + c].Should().BeApproximately((float)((column[r] - mean) / Math.Sqrt(biased + 1e-5)), 1e-5f);
            bn.RunningMean.data<float>()[c].Should().BeApproximately((float)(0.1 * mean), 1e-6f);
            bn.RunningVar.data<float>()[c].Should().BeApproximately((float)(0.9 + 0.1 * biased * 4 / 3), 1e-6f, "PyTorch keeps the unbiased variance");
        }
    }

    [Fact]
    public void Eval_must_use_the_running_statistics_and_the_state_dict_must_carry_them()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm1d(3);
        bn.Forward(tensor(Input, [4, 3]));
        bn.Eval();

        var y = bn.Forward(tensor(new float[] { 1, 1, 1 }, [1, 3])).data<float>();

        var mean = bn.RunningMean.data<float>();
        var variance = bn.RunningVar.data<float>();
        for (var c = 0; c < 3; c++) y[c].Should().BeApproximately((1 - mean[c]) / MathF.Sqrt(variance[c] + 1e-5f), 1e-5f);
        bn.StateDict().Keys.Should().Equal("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
    }

    [Fact]
    public void Wrong_feature_count_must_be_a_TorchException()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm1d(3);

        var act = () => bn.Forward(zeros([2, 4]));

        act.Should().Throw<TorchException>().WithMessage("*expected input [N, 3] or [N, 3, L], got [2, 4]*");
    }
}
