namespace Troupe.Collectives;

/// <summary>How <see cref="ProcessGroup.AllReduce(IReadOnlyList{TorchSharp.torch.Tensor}, ReduceOp)"/> combines the ranks' values.</summary>
public enum ReduceOp
{
    /// <summary>The element-wise sum over all ranks (any supported dtype).</summary>
    Sum = 0,

    /// <summary>The sum divided by the world size (floating-point tensors only): averaged gradients.</summary>
    Avg = 1,
}
