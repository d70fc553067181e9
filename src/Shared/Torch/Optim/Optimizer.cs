using System.Buffers;
using TorchSharp.Modules;
using TorchSharp.Native;

namespace TorchSharp;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// Base of the optimizers: parameter groups with their own (mutable) hyperparameters, a step
        /// that runs natively over a whole group in one call, and state export/import as named tensors.
        /// </summary>
        public abstract partial class Optimizer : IDisposable
        {
            private readonly List<ParamGroup> groups;
            private bool disposed;

            private protected Optimizer(IEnumerable<ParamGroup> groups, ParamGroup defaults, IReadOnlyList<string> stateNames)
            {
                ArgumentNullException.ThrowIfNull(groups);
                StateNames = stateNames;
                this.groups = groups.ToList();
                if (this.groups.Count == 0) throw new ArgumentException("expected at least one parameter group, got none", nameof(groups));
                var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
                foreach (var group in this.groups)
                {
                    foreach (var p in group.Parameters)
                        if (!seen.Add(p)) throw new ArgumentException("expected each parameter in one group only, got one twice", nameof(groups));
                    group.Bind(defaults, stateNames.Count);
                    Validate(group);
                }
            }

            public IReadOnlyList<ParamGroup> ParamGroups => groups;

            /// <summary>Names of the per-parameter state tensors (PyTorch's, e.g. exp_avg).</summary>
            private protected IReadOnlyList<string> StateNames { get; }

            /// <summary>Updates every parameter that has a gradient.</summary>
            public void Step()
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                var kinds = 1 + StateNames.Count;
                var largest = groups.Max(g => g.Parameters.Count) * kinds;
                IntPtr[]? rented = null;
                Span<IntPtr> buffer = largest <= 256 ? stackalloc IntPtr[largest] : (rented = ArrayPool<IntPtr>.Shared.Rent(largest));
                try
                {
                    foreach (var group in groups)
                    {
                        Validate(group);
                        EnsureState(group);
                        var n = group.Parameters.Count;
                        var handles = buffer[..(n * kinds)];
                        Tensor.Handles(group.Parameters, handles);
                        for (var s = 0; s < StateNames.Count; s++)
                            for (var i = 0; i < n; i++)
                                handles[(s + 1) * n + i] = group.State[s][i]?.Ptr ?? IntPtr.Zero;
                        StepGroup(group, handles);
                        GC.KeepAlive(group);
                    }
                }
                finally
                {
                    if (rented is not null) ArrayPool<IntPtr>.Shared.Return(rented);
                }
            }

            /// <summary>Runs the native step: <paramref name="handles"/> holds the parameters, then each state kind, n each.</summary>
            private protected abstract void StepGroup(ParamGroup group, Span<IntPtr> handles);

            /// <summary>Throws for hyperparameters out of range ("expected X, got Y").</summary>
            private protected abstract void Validate(ParamGroup group);

            /// <summary>Whether state kind <paramref name="kind"/> is needed by the group's next step.</summary>
            private protected virtual bool NeedsState(ParamGroup group, int kind) => true;

            private void EnsureState(ParamGroup group)
            {
                for (var s = 0; s < StateNames.Count; s++)
                {
                    if (!NeedsState(group, s)) continue;
                    var state = group.State[s];
                    for (var i = 0; i < state.Length; i++)
                        state[i] ??= zeros_like(group.Parameters[i]).DetachFromDisposeScope();
                }
            }

            /// <summary>Clears the gradients of every parameter (dropped by default, as PyTorch 2 does).</summary>
            public void ZeroGrad(bool setToNone = true)
            {
                foreach (var group in groups) ZeroGrad(group.Parameters, setToNone);
            }

            /// <summary>Clears the gradients of <paramref name="parameters"/>: dropped with <paramref name="setToNone"/>, else detached and zeroed in place (fastai's zero_grad).</summary>
            public static unsafe void ZeroGrad(IReadOnlyList<Tensor> parameters, bool setToNone)
            {
                var n = parameters.Count;
                IntPtr[]? rented = null;
                Span<IntPtr> handles = n <= 256 ? stackalloc IntPtr[n] : (rented = ArrayPool<IntPtr>.Shared.Rent(n));
                try
                {
                    Tensor.Handles(parameters, handles);
                    fixed (IntPtr* h = handles) NativeError.Check(NativeMethods.trp_optim_zero_grad(h, n, setToNone ? 1 : 0));
                    GC.KeepAlive(parameters);
                }
                finally
                {
                    if (rented is not null) ArrayPool<IntPtr>.Shared.Return(rented);
                }
            }

            /// <summary>Frees the optimizer state (the parameters belong to their modules).</summary>
            public void Dispose()
            {
                if (disposed) return;
                disposed = true;
                foreach (var group in groups)
                    foreach (var kind in group.State)
                        for (var i = 0; i < kind.Length; i++)
                        {
                            kind[i]?.Dispose();
                            kind[i] = null;
                        }
                GC.SuppressFinalize(this);
            }

            private protected static void Require(bool ok, string name, string expected, double actual)
            {
                if (!ok) throw new ArgumentOutOfRangeException(name, $"expected {name} {expected}, got {actual}");
            }
        }
    }
}
