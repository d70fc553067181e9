using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Collectives;

/// <summary>
/// A Gloo process group over standalone Gloo (libtroupe_gloo.so): the collectives PyTorch DDP uses on CPU, on
/// TorchSharp tensors. Construction is the rendezvous: rank 0 serves a small key-value store at <c>host:port</c>
/// until every rank has joined and connected; the others reach it there. Every blocking step (reaching rank 0,
/// waiting for the other ranks, the full-mesh connect, each collective) is bounded by <see cref="Timeout"/>: a peer
/// that dies or stops answering makes the call throw a <see cref="CollectiveException"/> instead of hanging. After
/// such a failure the group is unusable; dispose it and rendezvous again. Collectives must be issued in the same
/// order, with the same shapes and dtypes, on every rank; one runs at a time. Tensors must live on the CPU and be
/// dense; non-contiguous ones are copied to a flat buffer and back.
/// </summary>
public sealed class ProcessGroup : IDisposable
{
    private static readonly ScalarType[] Summable = [ScalarType.Float32, ScalarType.Float64, ScalarType.Int32, ScalarType.Int64];
    private static readonly ScalarType[] Floating = [ScalarType.Float32, ScalarType.Float64];

    private readonly GlooHandle group;

    /// <param name="host">Address of rank 0 (the rendezvous server), e.g. "127.0.0.1".</param>
    /// <param name="port">TCP port rank 0 listens on during the rendezvous, in [1, 65535].</param>
    /// <param name="rank">This process's rank, in [0, <paramref name="worldSize"/>).</param>
    /// <param name="worldSize">Number of ranks, at least 1.</param>
    /// <param name="timeout">Bound of the rendezvous and of every later call; positive.</param>
    /// <param name="localAddress">Address this rank's Gloo device binds and advertises to peers; null picks
    /// GLOO_SOCKET_IFNAME's interface if set, <paramref name="host"/> when it is loopback, else the address of this
    /// machine's hostname.</param>
    /// <exception cref="CollectiveException">The rendezvous failed or timed out (the message says who did not
    /// arrive, or which address could not be reached).</exception>
    public ProcessGroup(string host, int port, int rank, int worldSize, TimeSpan timeout, string? localAddress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), $"expected a port in [1, 65535], got {port}");
        if (worldSize < 1) throw new ArgumentOutOfRangeException(nameof(worldSize), $"expected a world size >= 1, got {worldSize}");
        if (rank < 0 || rank >= worldSize)
            throw new ArgumentOutOfRangeException(nameof(rank), $"expected a rank in [0, {worldSize}), got {rank}");
        var ms = (long)Math.Ceiling(timeout.TotalMilliseconds);
        if (ms <= 0) throw new ArgumentOutOfRangeException(nameof(timeout), $"expected a positive timeout, got {timeout}");
        Rank = rank;
        WorldSize = worldSize;
        Timeout = timeout;
        TimeoutMs = ms;
        var handle = GlooNative.trp_gloo_new(host, port, rank, worldSize, ms, localAddress);
        if (handle == IntPtr.Zero) throw new CollectiveException($"rendezvous at {host}:{port} failed ({Where}): {GlooNative.LastError()}");
        group = new GlooHandle(handle);
    }

    /// <summary>This process's rank.</summary>
    public int Rank { get; }

    /// <summary>Number of ranks in the group.</summary>
    public int WorldSize { get; }

    /// <summary>Bound of every blocking step.</summary>
    public TimeSpan Timeout { get; }

    private long TimeoutMs { get; }

    private string Where => $"rank {Rank} of {WorldSize}, timeout {TimeoutMs} ms";

    /// <summary>
    /// Reduces <paramref name="tensors"/> in place over all ranks: one flattened bucket per dtype, written back into
    /// each tensor. Sum takes Float32, Float64, Int32 and Int64; Avg (sum / <see cref="WorldSize"/>) floating point only.
    /// </summary>
    /// <exception cref="CollectiveException">A peer failed or the timeout expired.</exception>
    public void AllReduce(IReadOnlyList<Tensor> tensors, ReduceOp op = ReduceOp.Sum)
    {
        if (op is not (ReduceOp.Sum or ReduceOp.Avg)) throw new ArgumentOutOfRangeException(nameof(op), $"expected Sum or Avg, got {op}");
        TensorBuckets.Check(tensors, op == ReduceOp.Avg ? "AllReduce Avg" : "AllReduce", op == ReduceOp.Avg ? Floating : Summable);
        ThrowIfDisposed();
        TensorBuckets.Run(tensors, writeBack: true, flat =>
        {
            var data = TensorBuckets.DataPointer(flat);
            var (count, code) = (flat.numel(), TensorBuckets.SumCode(flat.dtype)!.Value);
            Call("allreduce", g => GlooNative.trp_gloo_allreduce(g, data, count, code));
            if (op != ReduceOp.Avg) return;
            // Held for the call: a Scalar nothing holds can be finalized while libtorch reads it (Troupe.Training.Native.TorchScalars).
            using var n = WorldSize.ToScalar();
            flat.div_(n);
        });
    }

    /// <summary>Reduces one tensor in place over all ranks.</summary>
    public void AllReduce(Tensor tensor, ReduceOp op = ReduceOp.Sum) => AllReduce([tensor], op);

    /// <summary>Overwrites <paramref name="tensors"/> on every rank with rank <paramref name="src"/>'s values (one
    /// flat bucket per dtype; Float32, Float64, Int32, Int64, Byte, Bool).</summary>
    /// <exception cref="CollectiveException">A peer failed or the timeout expired.</exception>
    public void Broadcast(IReadOnlyList<Tensor> tensors, int src)
    {
        if (src < 0 || src >= WorldSize) throw new ArgumentOutOfRangeException(nameof(src), $"expected a source rank in [0, {WorldSize}), got {src}");
        TensorBuckets.Check(tensors, "Broadcast", TensorBuckets.Addressable);
        ThrowIfDisposed();
        TensorBuckets.Run(tensors, writeBack: Rank != src, flat =>
        {
            var data = TensorBuckets.DataPointer(flat);
            var bytes = flat.numel() * flat.element_size();
            Call("broadcast", g => GlooNative.trp_gloo_broadcast(g, data, bytes, src));
        });
    }

    /// <summary>Overwrites one tensor on every rank with rank <paramref name="src"/>'s values.</summary>
    public void Broadcast(Tensor tensor, int src) => Broadcast([tensor], src);

    /// <summary>Returns once every rank has entered the barrier.</summary>
    /// <exception cref="CollectiveException">A peer failed or the timeout expired.</exception>
    public void Barrier()
    {
        ThrowIfDisposed();
        Call("barrier", GlooNative.trp_gloo_barrier);
    }

    public override string ToString() => $"ProcessGroup(gloo, rank {Rank} of {WorldSize}, timeout {Timeout})";

    /// <summary>Closes the group's connections; a call in flight on another thread finishes first.</summary>
    public void Dispose() => group.Dispose();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(group.IsClosed, this);

    /// <summary>
    /// Runs each blocking native step (allreduce, broadcast, barrier), or null to call it directly. A caller that holds
    /// a process-wide lock while it computes (a deterministic trial's generator gate) releases it here, so the group's
    /// other ranks in this process can reach the same collective.
    /// </summary>
    public Action<Action>? AroundWait { get; set; }

    private void Call(string operation, Func<IntPtr, int> call)
    {
        var result = 0;
        if (AroundWait is { } around) around(() => result = group.Invoke(call));
        else result = group.Invoke(call);
        if (result != 0) throw new CollectiveException($"{operation} failed ({Where}): {GlooNative.LastError()}");
    }
}
