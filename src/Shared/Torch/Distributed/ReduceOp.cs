namespace TorchSharp;

public static partial class torch
{
    public static partial class distributed
    {
        /// <summary>How <see cref="ProcessGroup.AllReduce(IReadOnlyList{Tensor}, ReduceOp)"/> combines the ranks' values.</summary>
        public enum ReduceOp
        {
            /// <summary>Element-wise sum over all ranks.</summary>
            Sum = 0,

            /// <summary>Element-wise mean over all ranks (sum divided by the world size); floating-point tensors only.</summary>
            Avg = 1,
        }
    }
}
