using TorchSharp.Modules;
using TorchSharp.Native;

namespace TorchSharp;

public static partial class torch
{
    /// <summary><c>torch.nn</c>: module factories with PyTorch's arguments and defaults.</summary>
    public static partial class nn
    {
        /// <summary>Wraps <paramref name="data"/> (storage shared, graph cut) as a parameter owned by its module.</summary>
        public static Parameter Parameter(Tensor data, bool requiresGrad = true)
        {
            var handle = NativeError.Check(NativeMethods.trp_tensor_detach(data.Ptr));
            GC.KeepAlive(data);
            var parameter = new Parameter(handle);
            parameter.requires_grad = requiresGrad;
            return parameter;
        }

        /// <summary><c>nn.BatchNorm1d(num_features, eps, momentum)</c>: learnable affine weight/bias, running statistics.</summary>
        public static BatchNorm1d BatchNorm1d(long numFeatures, double eps = 1e-5, double momentum = 0.1, Device? device = null, ScalarType? dtype = null)
            => new(numFeatures, eps, momentum, device, dtype);

        public static Linear Linear(long inFeatures, long outFeatures, bool hasBias = true, Device? device = null, ScalarType? dtype = null)
            => new(inFeatures, outFeatures, hasBias, device, dtype);

        public static Embedding Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null, Device? device = null, ScalarType? dtype = null)
            => new(numEmbeddings, embeddingDim, paddingIdx, device, dtype);

        public static Dropout Dropout(double p = 0.5) => new(p);

        public static RNN RNN(long inputSize, long hiddenSize, long numLayers = 1, RNNNonlinearity nonlinearity = RNNNonlinearity.Tanh,
            bool bias = true, bool batchFirst = false, double dropout = 0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null)
            => new(inputSize, hiddenSize, numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional, device, dtype);

        public static LSTM LSTM(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false,
            double dropout = 0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null)
            => new(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, device, dtype);

        public static GRU GRU(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false,
            double dropout = 0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null)
            => new(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, device, dtype);
    }
}
