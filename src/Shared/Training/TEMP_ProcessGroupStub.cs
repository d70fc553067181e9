// TEMPORARY (not to be committed): stands in for Troupe.Collectives until that branch lands.
namespace Troupe.Collectives;
public enum ReduceOp { Sum, Avg }
public sealed class ProcessGroup : IDisposable
{
    public ProcessGroup(string host, int port, int rank, int worldSize, TimeSpan timeout, string? localAddress = null) => throw new NotImplementedException();
    public int Rank => 0; public int WorldSize => 1; public TimeSpan Timeout => default;
    public void AllReduce(IReadOnlyList<TorchSharp.torch.Tensor> t, ReduceOp op = ReduceOp.Sum) => throw new NotImplementedException();
    public void AllReduce(TorchSharp.torch.Tensor t, ReduceOp op = ReduceOp.Sum) => throw new NotImplementedException();
    public void Broadcast(IReadOnlyList<TorchSharp.torch.Tensor> t, int src) => throw new NotImplementedException();
    public void Broadcast(TorchSharp.torch.Tensor t, int src) => throw new NotImplementedException();
    public void Barrier() => throw new NotImplementedException();
    public void Dispose() { }
}
public sealed class CollectiveException(string m) : Exception(m);
