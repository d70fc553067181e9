using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// nn.cpp: layers as functions, losses, gradient clipping, fused recurrent kernels.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_linear(IntPtr input, IntPtr weight, IntPtr bias);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_embedding(IntPtr weight, IntPtr indices, long paddingIdx);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_dropout(IntPtr input, double p, int train);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_softmax(IntPtr input, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_log_softmax(IntPtr input, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_cross_entropy(IntPtr input, IntPtr target, IntPtr weight, int reduction, long ignoreIndex, double labelSmoothing);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_nll_loss(IntPtr input, IntPtr target, IntPtr weight, int reduction, long ignoreIndex);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_mse_loss(IntPtr input, IntPtr target, int reduction);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_binary_cross_entropy_with_logits(IntPtr input, IntPtr target, int reduction);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_batch_norm(IntPtr input, IntPtr runningMean, IntPtr runningVar, IntPtr weight, IntPtr bias, int training, double momentum, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_layer_norm(IntPtr input, long* shape, int n, IntPtr weight, IntPtr bias, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr trp_nn_clip_grad_norm_(IntPtr* parameters, int count, double maxNorm, double normType);
    [LibraryImport(Lib)] internal static partial int trp_nn_rnn_tanh(IntPtr input, IntPtr h0, IntPtr* parameters, int count, int hasBiases, long numLayers, double dropout, int train, int bidirectional, int batchFirst, IntPtr* output, IntPtr* hn);
    [LibraryImport(Lib)] internal static partial int trp_nn_rnn_relu(IntPtr input, IntPtr h0, IntPtr* parameters, int count, int hasBiases, long numLayers, double dropout, int train, int bidirectional, int batchFirst, IntPtr* output, IntPtr* hn);
    [LibraryImport(Lib)] internal static partial int trp_nn_gru(IntPtr input, IntPtr h0, IntPtr* parameters, int count, int hasBiases, long numLayers, double dropout, int train, int bidirectional, int batchFirst, IntPtr* output, IntPtr* hn);
    [LibraryImport(Lib)] internal static partial int trp_nn_lstm(IntPtr input, IntPtr h0, IntPtr c0, IntPtr* parameters, int count, int hasBiases, long numLayers, double dropout, int train, int bidirectional, int batchFirst, IntPtr* output, IntPtr* hn, IntPtr* cn);
}
