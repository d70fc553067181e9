using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// A differentiable sum over the replicas of a data-parallel group (PyTorch's SyncBatchNorm reduces its statistics
/// this way). Forward: every replica gets the sum of every replica's <c>local</c> (same shape). Backward: replica s gets
/// <c>Σ_r w_r·g_r / w_s</c>, where <c>g_r</c> is replica r's gradient of its loss with respect to the sum and <c>w_r</c>
/// the weight its gradients are averaged with (its target count): the weighted mean of the replicas' parameter gradients
/// is then the whole batch's gradient through the sum too. It is a collective: every replica calls it the same number
/// of times in the same order, in its forward and hence in its backward.
/// </summary>
internal interface IReplicaSum
{
    /// <summary>The sum over the replicas of <paramref name="local"/> (a CPU tensor of float32 or float64).</summary>
    Tensor Sum(Tensor local);
}
