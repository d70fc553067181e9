using System.Runtime.InteropServices;
using TorchSharp.Native;

namespace TorchSharp;

public static partial class torch
{
    public static partial class distributed
    {
        /// <summary>
        /// A Gloo process group (libtorch's c10d, the backend PyTorch DDP uses on CPU). Construction is
        /// the rendezvous: rank 0 serves a TCPStore at <c>host:port</c> and waits for all ranks; the
        /// others connect to it. Every blocking step (connect, rendezvous, each collective) is bounded
        /// by <see cref="Timeout"/>: a peer that dies or stops answering makes the call throw a
        /// <see cref="TorchException"/> instead of hanging. After such a failure the group is
        /// unusable; dispose it and rendezvous again. Collectives must be issued in the same order,
        /// with the same shapes and dtypes, on every rank. Dispose tears the group down.
        /// </summary>
        public sealed class ProcessGroup : SafeHandle
        {
            /// <param name="host">Address of rank 0 (the rendezvous server), e.g. "127.0.0.1".</param>
            /// <param name="port">TCP port rank 0 listens on, in [1, 65535].</param>
            /// <param name="rank">This process's rank, in [0, <paramref name="worldSize"/>).</param>
            /// <param name="worldSize">Number of ranks, at least 1.</param>
            /// <param name="timeout">Bound of every blocking step; positive.</param>
            /// <param name="localAddress">Address this rank's Gloo device binds and advertises to peers;
            /// null picks GLOO_SOCKET_IFNAME if set, <paramref name="host"/> when it is loopback, else
            /// the address of this machine's hostname.</param>
            /// <exception cref="TorchException">The rendezvous failed or timed out.</exception>
            public ProcessGroup(string host, int port, int rank, int worldSize, TimeSpan timeout, string? localAddress = null)
                : base(IntPtr.Zero, ownsHandle: true)
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
                SetHandle(NativeError.Check(NativeMethods.trp_dist_new(host, port, rank, worldSize, ms, localAddress)));
            }

            /// <summary>This process's rank.</summary>
            public int Rank { get; }

            /// <summary>Number of ranks in the group.</summary>
            public int WorldSize { get; }

            /// <summary>Bound of every blocking step.</summary>
            public TimeSpan Timeout { get; }

            public override bool IsInvalid => handle == IntPtr.Zero;

            /// <summary>
            /// Reduces <paramref name="tensors"/> in place over all ranks. They travel as one flattened
            /// bucket per dtype (a model's gradients: one), so a list costs one collective, not one per tensor.
            /// </summary>
            /// <exception cref="TorchException">A peer failed or the timeout expired; or <see cref="ReduceOp.Avg"/> of integer tensors.</exception>
            public unsafe void AllReduce(IReadOnlyList<Tensor> tensors, ReduceOp op = ReduceOp.Sum)
            {
                if (op is not (ReduceOp.Sum or ReduceOp.Avg)) throw new ArgumentOutOfRangeException(nameof(op), $"expected Sum or Avg, got {op}");
                using var lease = new TensorHandleLease(tensors, "AllReduce");
                var group = Acquire();
                try
                {
                    fixed (IntPtr* p = lease.Pointers)
                        NativeError.Check(NativeMethods.trp_dist_allreduce(group, p, lease.Pointers.Length, (int)op));
                }
                finally
                {
                    DangerousRelease();
                }
            }

            /// <summary>Reduces one tensor in place over all ranks.</summary>
            public void AllReduce(Tensor tensor, ReduceOp op = ReduceOp.Sum) => AllReduce(new[] { tensor }, op);

            /// <summary>Overwrites <paramref name="tensors"/> on every rank with rank <paramref name="src"/>'s values (one flat bucket per dtype).</summary>
            /// <exception cref="TorchException">A peer failed or the timeout expired.</exception>
            public unsafe void Broadcast(IReadOnlyList<Tensor> tensors, int src)
            {
                if (src < 0 || src >= WorldSize) throw new ArgumentOutOfRangeException(nameof(src), $"expected a source rank in [0, {WorldSize}), got {src}");
                using var lease = new TensorHandleLease(tensors, "Broadcast");
                var group = Acquire();
                try
                {
                    fixed (IntPtr* p = lease.Pointers)
                        NativeError.Check(NativeMethods.trp_dist_broadcast(group, p, lease.Pointers.Length, src));
                }
                finally
                {
                    DangerousRelease();
                }
            }

            /// <summary>Overwrites one tensor on every rank with rank <paramref name="src"/>'s values.</summary>
            public void Broadcast(Tensor tensor, int src) => Broadcast(new[] { tensor }, src);

            /// <summary>Returns once every rank has entered the barrier.</summary>
            /// <exception cref="TorchException">A peer failed or the timeout expired.</exception>
            public void Barrier()
            {
                var group = Acquire();
                try
                {
                    NativeError.Check(NativeMethods.trp_dist_barrier(group));
                }
                finally
                {
                    DangerousRelease();
                }
            }

            public override string ToString() => $"ProcessGroup(gloo, rank {Rank} of {WorldSize}, timeout {Timeout})";

            // Holds the handle across the native call so a concurrent Dispose waits for it.
            private IntPtr Acquire()
            {
                if (IsClosed) throw new ObjectDisposedException(nameof(ProcessGroup), "the process group was disposed");
                var added = false;
                DangerousAddRef(ref added);
                return handle;
            }

            protected override bool ReleaseHandle()
            {
                NativeMethods.trp_dist_free(handle);
                return true;
            }
        }
    }
}
