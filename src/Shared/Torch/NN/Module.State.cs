using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        // State dicts and moves between devices and dtypes.
        public abstract partial class Module
        {
            /// <summary>
            /// Parameters and persistent buffers by dotted name, in registration order. Each entry is
            /// a new detached tensor sharing storage with the module's own (dispose them, or let a
            /// dispose scope do it); writing into one writes into the module.
            /// </summary>
            public IReadOnlyDictionary<string, Tensor> StateDict()
            {
                var result = new OrderedDictionary<string, Tensor>();
                foreach (var (name, p) in NamedParameters()) result.Add(name, p.detach());
                foreach (var (prefix, module) in NamedModules())
                    foreach (var (name, b, persistent) in module.buffers)
                        if (b is not null && persistent)
                            result.Add(Join(prefix, name), b.detach());
                return result;
            }

            /// <summary>
            /// Copies <paramref name="state"/> into the parameters and persistent buffers. Every
            /// shape must match; with <paramref name="strict"/> the key sets must match too. Nothing
            /// is copied when any check fails.
            /// </summary>
            public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
            {
                ArgumentNullException.ThrowIfNull(state);
                var own = new List<(string Name, Tensor Target)>();
                foreach (var (name, p) in NamedParameters()) own.Add((name, p));
                foreach (var (prefix, module) in NamedModules())
                    foreach (var (name, b, persistent) in module.buffers)
                        if (b is not null && persistent) own.Add((Join(prefix, name), b));

                var errors = new List<string>();
                foreach (var (name, target) in own)
                {
                    if (!state.TryGetValue(name, out var source))
                    {
                        if (strict) errors.Add($"missing key '{name}'");
                        continue;
                    }
                    var (expected, actual) = (target.shape, source.shape);
                    if (!expected.AsSpan().SequenceEqual(actual))
                        errors.Add($"'{name}': expected shape [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
                }
                if (strict)
                {
                    var names = own.Select(o => o.Name).ToHashSet();
                    errors.AddRange(state.Keys.Where(k => !names.Contains(k)).Select(k => $"unexpected key '{k}'"));
                }
                if (errors.Count > 0) throw new TorchException(nameof(LoadStateDict), string.Join("; ", errors));

                using (no_grad())
                    foreach (var (name, target) in own)
                        if (state.TryGetValue(name, out var source))
                            target.copy_(source);
            }

            /// <summary>Moves every parameter, gradient and buffer to <paramref name="device"/> in place (identities kept).</summary>
            public Module To(Device device) => Move(t => t.to(device));

            /// <summary>Converts every floating parameter, gradient and buffer to <paramref name="dtype"/> in place.</summary>
            public Module To(ScalarType dtype) => Move(t => IsFloating(t.dtype) ? t.to(dtype) : t.detach());

            private static bool IsFloating(ScalarType type) => type is ScalarType.Float32 or ScalarType.Float64;

            private Module Move(Func<Tensor, Tensor> convert)
            {
                using var scope = NewDisposeScope();
                using var guard = no_grad();
                foreach (var p in Parameters())
                {
                    p.set_data(convert(p));
                    if (p.grad is { } g) p.grad = convert(g);
                }
                foreach (var (_, b) in NamedBuffers()) b.set_data(convert(b));
                return this;
            }
        }
    }
}
