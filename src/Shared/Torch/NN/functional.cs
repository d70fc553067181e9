using TorchSharp.Native;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary><c>torch.nn.functional</c>: layers as functions of explicit weights, activations and losses.</summary>
        public static partial class functional
        {
            /// <summary><c>input @ weight.T + bias</c>; input [*, in], weight [out, in], bias [out].</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
                => Keep(NativeMethods.trp_nn_linear(input.Ptr, weight.Ptr, bias?.Ptr ?? IntPtr.Zero), input, weight, bias);

            /// <summary>
            /// Rows of <paramref name="weight"/> [num, dim] picked by int64 <paramref name="input"/> [*] -> [*, dim].
            /// The <paramref name="paddingIdx"/> row (negative counts from the end) receives no gradient.
            /// </summary>
            public static Tensor embedding(Tensor input, Tensor weight, long? paddingIdx = null)
            {
                var padding = paddingIdx is { } p ? (p < 0 ? weight.size(0) + p : p) : -1;
                return Keep(NativeMethods.trp_nn_embedding(weight.Ptr, input.Ptr, padding), weight, input);
            }

            /// <summary>Zeroes elements with probability <paramref name="p"/> and scales the rest by 1/(1-p) when training.</summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
            {
                if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), $"dropout: expected p in [0, 1], got {p}");
                return Keep(NativeMethods.trp_nn_dropout(input.Ptr, p, training ? 1 : 0), input);
            }

            public static Tensor relu(Tensor input) => input.relu();
            public static Tensor tanh(Tensor input) => input.tanh();
            public static Tensor sigmoid(Tensor input) => input.sigmoid();
            public static Tensor gelu(Tensor input) => input.gelu();
            public static Tensor silu(Tensor input) => input.silu();
            public static Tensor leaky_relu(Tensor input, double negativeSlope = 0.01) => input.leaky_relu(negativeSlope);
            public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);
            public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);

            /// <summary>
            /// Cross entropy of logits <paramref name="input"/> [N, C] (or [N, C, d...]) against class
            /// indices <paramref name="target"/> [N] (int64); targets equal to <paramref name="ignoreIndex"/>
            /// count neither in the sum nor in the mean.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100,
                Reduction reduction = Reduction.Mean, double labelSmoothing = 0)
                => Keep(NativeMethods.trp_nn_cross_entropy(input.Ptr, target.Ptr, weight?.Ptr ?? IntPtr.Zero, (int)reduction, ignoreIndex, labelSmoothing),
                    input, target, weight);

            /// <summary>Negative log likelihood of log-probabilities <paramref name="input"/> [N, C] at <paramref name="target"/> [N].</summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean)
                => Keep(NativeMethods.trp_nn_nll_loss(input.Ptr, target.Ptr, weight?.Ptr ?? IntPtr.Zero, (int)reduction, ignoreIndex), input, target, weight);

            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
                => Keep(NativeMethods.trp_nn_mse_loss(input.Ptr, target.Ptr, (int)reduction), input, target);

            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
                => Keep(NativeMethods.trp_nn_binary_cross_entropy_with_logits(input.Ptr, target.Ptr, (int)reduction), input, target);

            /// <summary>
            /// <c>F.batch_norm</c>: input [N, C] or [N, C, L]; in training normalizes with the batch's statistics and
            /// updates <paramref name="runningMean"/>/<paramref name="runningVar"/> in place, in eval uses them.
            /// </summary>
            public static Tensor batch_norm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                var result = Keep(NativeMethods.trp_nn_batch_norm(input.Ptr, runningMean?.Ptr ?? IntPtr.Zero, runningVar?.Ptr ?? IntPtr.Zero,
                    weight?.Ptr ?? IntPtr.Zero, bias?.Ptr ?? IntPtr.Zero, training ? 1 : 0, momentum, eps), input, runningMean, runningVar);
                GC.KeepAlive(weight);
                GC.KeepAlive(bias);
                return result;
            }

            public static unsafe Tensor layer_norm(Tensor input, ReadOnlySpan<long> normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                fixed (long* s = normalizedShape)
                    return Keep(NativeMethods.trp_nn_layer_norm(input.Ptr, s, normalizedShape.Length, weight?.Ptr ?? IntPtr.Zero, bias?.Ptr ?? IntPtr.Zero, eps),
                        input, weight, bias);
            }
        }
    }
}
