using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Troupe.Training.Native;

namespace Troupe.Training.Models;

/// <summary>
/// <c>BatchNorm1d</c> on [rows, features] in training mode with the batch statistics of every replica's rows
/// (<see cref="IReplicaSum"/>): one sum of [Σx, Σx², rows] per layer (float64, so the one-pass variance keeps float32's
/// precision), then PyTorch's formula: <c>(x − mean)/√(var + eps)·weight + bias</c> with the biased variance, and running
/// statistics moved by <c>momentum</c> towards the mean and the unbiased variance (a cumulative average when momentum
/// is null). Without a sum, or in eval mode, the layer's own forward. Scalars are explicit and held in <c>using</c>
/// locals or <see cref="Native.TorchScalars"/>, alpha included (an implicit one can be freed by a GC mid-call).
/// </summary>
internal static class ReplicaBatchNorm
{
    public static Tensor Forward(BatchNorm1d norm, Tensor x, IReplicaSum? replicas)
    {
        if (replicas is null || !norm.training) return norm.forward(x);
        if (x.dim() != 2) throw new ArgumentException($"ReplicaBatchNorm: expected input [rows, features], got [{string.Join(", ", x.shape)}]", nameof(x));
        using var scope = NewDisposeScope();
        var features = x.size(1);
        var x64 = x.to_type(ScalarType.Float64);
        using var rowCount = ((double)x.size(0)).ToScalar();
        var rows = full([1], rowCount, ScalarType.Float64, device: x.device);
        var total = replicas.Sum(cat([x64.sum(0L), x64.square().sum(0L), rows], 0));
        var n = total[2 * features].item<double>();
        if (n < 2) throw new ArgumentException($"ReplicaBatchNorm: expected more than 1 row over the replicas to normalize in training, got {n}");
        using var count = n.ToScalar();
        using var eps = norm.eps.ToScalar();
        var mean = total.narrow(0, 0, features).div(count);
        var variance = total.narrow(0, features, features).div(count).sub(mean.square());
        var y = x64.sub(mean).mul(variance.add(eps, TorchScalars.One).rsqrt()).to_type(x.dtype);
        if (norm.weight is { } w) y = y.mul(w);
        if (norm.bias is { } b) y = y.add(b, TorchScalars.One);
        using var bessel = (n / (n - 1)).ToScalar();
        if (norm.track_running_stats) UpdateRunning(norm, mean, variance.mul(bessel));
        return y.MoveToOuterDisposeScope();
    }

    private static void UpdateRunning(BatchNorm1d norm, Tensor mean, Tensor unbiased)
    {
        using var noGrad = no_grad();
        using var one = 1L.ToScalar();
        norm.num_batches_tracked?.add_(one, one);
        var m = norm.momentum ?? 1.0 / norm.num_batches_tracked!.item<long>();
        using var momentum = m.ToScalar();
        using var keep = (1 - m).ToScalar();
        norm.running_mean?.mul_(keep).add_(mean.to_type(norm.running_mean.dtype).mul(momentum), TorchScalars.One);
        norm.running_var?.mul_(keep).add_(unbiased.to_type(norm.running_var.dtype).mul(momentum), TorchScalars.One);
    }
}
