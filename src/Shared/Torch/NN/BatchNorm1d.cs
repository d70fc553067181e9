using static TorchSharp.torch;

namespace TorchSharp.Modules;

/// <summary>
/// <c>nn.BatchNorm1d</c> over [N, C] or [N, C, L]: parameters <c>weight</c> (ones) and <c>bias</c> (zeros) [C];
/// buffers <c>running_mean</c> (zeros), <c>running_var</c> (ones) and <c>num_batches_tracked</c>, in PyTorch's
/// state-dict names. Training normalizes with the batch statistics and updates the running ones; eval uses them.
/// </summary>
public sealed class BatchNorm1d : nn.Module<Tensor, Tensor>
{
    private readonly Tensor runningMean;
    private readonly Tensor runningVar;
    private readonly Tensor batchesTracked;

    internal BatchNorm1d(long numFeatures, double eps, double momentum, Device? device, ScalarType? dtype)
    {
        if (numFeatures < 1) throw new ArgumentOutOfRangeException(nameof(numFeatures), $"BatchNorm1d: expected num_features >= 1, got {numFeatures}");
        if (!(momentum >= 0 && momentum <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), $"BatchNorm1d: expected momentum in [0, 1], got {momentum}");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), $"BatchNorm1d: expected eps > 0, got {eps}");
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Weight = RegisterParameter("weight", nn.Parameter(ones([numFeatures], dtype, device)))!;
        Bias = RegisterParameter("bias", nn.Parameter(zeros([numFeatures], dtype, device)))!;
        runningMean = RegisterBuffer("running_mean", zeros([numFeatures], dtype, device))!;
        runningVar = RegisterBuffer("running_var", ones([numFeatures], dtype, device))!;
        batchesTracked = RegisterBuffer("num_batches_tracked", zeros([], ScalarType.Int64, device))!;
    }

    public long NumFeatures { get; }

    public double Eps { get; }

    public double Momentum { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public Tensor RunningMean => runningMean;

    public Tensor RunningVar => runningVar;

    public override Tensor Forward(Tensor input)
    {
        var shape = input.shape;
        if (shape.Length is not (2 or 3) || shape[1] != NumFeatures)
            throw new TorchException("BatchNorm1d.Forward", $"expected input [N, {NumFeatures}] or [N, {NumFeatures}, L], got [{string.Join(", ", shape)}]");
        if (Training)
            using (no_grad()) batchesTracked.add_(1);
        return nn.functional.batch_norm(input, runningMean, runningVar, Weight, Bias, Training, Momentum, Eps);
    }
}
