using System.Buffers;
using TorchSharp.Native;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary><c>torch.nn.utils</c>.</summary>
        public static class utils
        {
            /// <summary>
            /// Scales the gradients of <paramref name="parameters"/> in place so that their joint
            /// <paramref name="normType"/>-norm is at most <paramref name="maxNorm"/>; returns the norm
            /// before clipping (0-d). Parameters without a gradient are skipped. Same ops as PyTorch.
            /// </summary>
            public static unsafe Tensor clip_grad_norm_(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                var list = parameters as IReadOnlyList<Tensor> ?? parameters.ToList();
                var n = list.Count;
                IntPtr[]? rented = null;
                Span<IntPtr> handles = n <= 256 ? stackalloc IntPtr[n] : (rented = ArrayPool<IntPtr>.Shared.Rent(n));
                try
                {
                    Tensor.Handles(list, handles);
                    fixed (IntPtr* h = handles)
                    {
                        var result = NativeMethods.trp_nn_clip_grad_norm_(h, n, maxNorm, normType);
                        GC.KeepAlive(list);
                        return Tensor.From(result, "trp_nn_clip_grad_norm_");
                    }
                }
                finally
                {
                    if (rented is not null) ArrayPool<IntPtr>.Shared.Return(rented);
                }
            }
        }
    }
}
