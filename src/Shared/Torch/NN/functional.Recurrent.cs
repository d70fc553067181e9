using System.Buffers;
using TorchSharp.Native;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        // The fused recurrent kernels with explicit weight lists: what nn.RNN/LSTM/GRU call, and what
        // weight-dropped models (AWD-LSTM) call with their dropped weight_hh.
        //
        // input: [seq, batch, in] ([batch, seq, in] with batchFirst), or [seq, in] unbatched.
        // weights: per layer (and direction) w_ih [gates*H, in], w_hh [gates*H, H], then b_ih, b_hh
        // [gates*H] when hasBiases; gate order as PyTorch's (LSTM i,f,g,o; GRU r,z,n).
        // States: [layers*directions, batch, H] ([layers*directions, H] unbatched); null = zeros.
        // Returns output [seq, batch, directions*H] (batch first when asked) and the final states.
        public static partial class functional
        {
            private enum Kernel { RnnTanh, RnnRelu, Gru }

            public static (Tensor output, Tensor h) rnn_tanh(Tensor input, Tensor? h0, IReadOnlyList<Tensor> weights, bool hasBiases,
                long numLayers, double dropout = 0, bool train = true, bool batchFirst = false, bool bidirectional = false)
                => SingleState(Kernel.RnnTanh, input, h0, weights, hasBiases, numLayers, dropout, train, batchFirst, bidirectional);

            public static (Tensor output, Tensor h) rnn_relu(Tensor input, Tensor? h0, IReadOnlyList<Tensor> weights, bool hasBiases,
                long numLayers, double dropout = 0, bool train = true, bool batchFirst = false, bool bidirectional = false)
                => SingleState(Kernel.RnnRelu, input, h0, weights, hasBiases, numLayers, dropout, train, batchFirst, bidirectional);

            public static (Tensor output, Tensor h) gru(Tensor input, Tensor? h0, IReadOnlyList<Tensor> weights, bool hasBiases,
                long numLayers, double dropout = 0, bool train = true, bool batchFirst = false, bool bidirectional = false)
                => SingleState(Kernel.Gru, input, h0, weights, hasBiases, numLayers, dropout, train, batchFirst, bidirectional);

            /// <summary>The fused LSTM (<c>at::lstm</c>); <paramref name="state"/> is (h0, c0) or null for zeros.</summary>
            public static unsafe (Tensor output, (Tensor h, Tensor c) state) lstm(Tensor input, (Tensor h, Tensor c)? state,
                IReadOnlyList<Tensor> weights, bool hasBiases, long numLayers, double dropout = 0, bool train = true,
                bool batchFirst = false, bool bidirectional = false)
            {
                ArgumentNullException.ThrowIfNull(weights);
                CheckDropout(dropout);
                var n = weights.Count;
                IntPtr[]? rented = null;
                Span<IntPtr> handles = n <= 64 ? stackalloc IntPtr[n] : (rented = ArrayPool<IntPtr>.Shared.Rent(n));
                try
                {
                    Tensor.Handles(weights, handles);
                    IntPtr output, h, c;
                    fixed (IntPtr* w = handles)
                        NativeError.Check(NativeMethods.trp_nn_lstm(input.Ptr, state?.h.Ptr ?? IntPtr.Zero, state?.c.Ptr ?? IntPtr.Zero, w, n,
                            hasBiases ? 1 : 0, numLayers, dropout, train ? 1 : 0, bidirectional ? 1 : 0, batchFirst ? 1 : 0, &output, &h, &c));
                    GC.KeepAlive(input);
                    GC.KeepAlive(state?.h);
                    GC.KeepAlive(state?.c);
                    GC.KeepAlive(weights);
                    return (new Tensor(output), (new Tensor(h), new Tensor(c)));
                }
                finally
                {
                    if (rented is not null) ArrayPool<IntPtr>.Shared.Return(rented);
                }
            }

            private static unsafe (Tensor output, Tensor h) SingleState(Kernel kernel, Tensor input, Tensor? h0, IReadOnlyList<Tensor> weights,
                bool hasBiases, long numLayers, double dropout, bool train, bool batchFirst, bool bidirectional)
            {
                ArgumentNullException.ThrowIfNull(weights);
                CheckDropout(dropout);
                var n = weights.Count;
                IntPtr[]? rented = null;
                Span<IntPtr> handles = n <= 64 ? stackalloc IntPtr[n] : (rented = ArrayPool<IntPtr>.Shared.Rent(n));
                try
                {
                    Tensor.Handles(weights, handles);
                    IntPtr output, h;
                    var (i, s) = (input.Ptr, h0?.Ptr ?? IntPtr.Zero);
                    var (bias, train1, bidi, first) = (hasBiases ? 1 : 0, train ? 1 : 0, bidirectional ? 1 : 0, batchFirst ? 1 : 0);
                    fixed (IntPtr* w = handles)
                    {
                        _ = kernel switch
                        {
                            Kernel.RnnTanh => NativeError.Check(NativeMethods.trp_nn_rnn_tanh(i, s, w, n, bias, numLayers, dropout, train1, bidi, first, &output, &h)),
                            Kernel.RnnRelu => NativeError.Check(NativeMethods.trp_nn_rnn_relu(i, s, w, n, bias, numLayers, dropout, train1, bidi, first, &output, &h)),
                            _ => NativeError.Check(NativeMethods.trp_nn_gru(i, s, w, n, bias, numLayers, dropout, train1, bidi, first, &output, &h)),
                        };
                    }
                    GC.KeepAlive(input);
                    GC.KeepAlive(h0);
                    GC.KeepAlive(weights);
                    return (new Tensor(output), new Tensor(h));
                }
                finally
                {
                    if (rented is not null) ArrayPool<IntPtr>.Shared.Return(rented);
                }
            }

            private static void CheckDropout(double dropout)
            {
                if (dropout is < 0 or > 1)
                    throw new ArgumentOutOfRangeException(nameof(dropout), $"expected dropout in [0, 1], got {dropout}");
            }
        }
    }
}
