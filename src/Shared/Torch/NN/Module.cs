using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Base of every layer and model: registered parameters, buffers and submodules (in
        /// registration order, which gives PyTorch's dotted names such as <c>lstm.weight_ih_l0</c>),
        /// state dicts, train/eval mode and device moves. Disposing a module frees its parameters,
        /// buffers and submodules.
        /// </summary>
        public abstract partial class Module : IDisposable
        {
            private readonly List<(string Name, Parameter? Value)> parameters = [];
            private readonly List<(string Name, Tensor? Value, bool Persistent)> buffers = [];
            private readonly List<(string Name, Module Value)> modules = [];
            private bool disposed;

            /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
            public bool Training { get; private set; } = true;

            /// <summary>Registers <paramref name="parameter"/> (null: a declared but absent one, like bias=False).</summary>
            protected Parameter? RegisterParameter(string name, Parameter? parameter)
            {
                CheckName(name);
                parameters.Add((name, parameter));
                return parameter;
            }

            /// <summary>Registers a buffer: state that is not trained (non-persistent ones stay out of the state dict).</summary>
            protected Tensor? RegisterBuffer(string name, Tensor? buffer, bool persistent = true)
            {
                CheckName(name);
                buffer?.DetachFromDisposeScope();
                buffers.Add((name, buffer, persistent));
                return buffer;
            }

            protected T RegisterModule<T>(string name, T module) where T : Module
            {
                ArgumentNullException.ThrowIfNull(module);
                CheckName(name);
                modules.Add((name, module));
                return module;
            }

            /// <summary>Swaps the tensor registered under <paramref name="name"/> (parameter or buffer) and returns the old one.</summary>
            protected Tensor? ReplaceBuffer(string name, Tensor? buffer)
            {
                var i = buffers.FindIndex(b => b.Name == name);
                if (i < 0) throw new ArgumentException($"expected a registered buffer '{name}', got none", nameof(name));
                buffer?.DetachFromDisposeScope();
                var old = buffers[i].Value;
                buffers[i] = (name, buffer, buffers[i].Persistent);
                return old;
            }

            private void CheckName(string name)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                if (string.IsNullOrEmpty(name) || name.Contains('.'))
                    throw new ArgumentException($"expected a non-empty name without '.', got '{name}'", nameof(name));
                if (parameters.Exists(p => p.Name == name) || buffers.Exists(b => b.Name == name) || modules.Exists(m => m.Name == name))
                    throw new ArgumentException($"expected a new name, got '{name}' which is already registered", nameof(name));
            }

            /// <summary>Parameters with dotted names, depth first in registration order; shared ones once.</summary>
            public IEnumerable<(string name, Parameter parameter)> NamedParameters(bool recurse = true)
            {
                var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
                foreach (var (prefix, module) in recurse ? NamedModules() : [("", this)])
                    foreach (var (name, p) in module.parameters)
                        if (p is not null && seen.Add(p))
                            yield return (Join(prefix, name), p);
            }

            public IEnumerable<Parameter> Parameters(bool recurse = true) => NamedParameters(recurse).Select(p => p.parameter);

            public IEnumerable<(string name, Tensor buffer)> NamedBuffers(bool recurse = true)
            {
                foreach (var (prefix, module) in recurse ? NamedModules() : [("", this)])
                    foreach (var (name, b, _) in module.buffers)
                        if (b is not null)
                            yield return (Join(prefix, name), b);
            }

            public IEnumerable<Tensor> Buffers(bool recurse = true) => NamedBuffers(recurse).Select(b => b.buffer);

            public IEnumerable<(string name, Module module)> NamedChildren() => modules.Select(m => (m.Name, m.Value));

            public IEnumerable<Module> Children() => modules.Select(m => m.Value);

            /// <summary>This module (name "") and every descendant, depth first, each once.</summary>
            public IEnumerable<(string name, Module module)> NamedModules()
            {
                var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
                return Walk("", this, seen);

                static IEnumerable<(string, Module)> Walk(string prefix, Module module, HashSet<Module> seen)
                {
                    if (!seen.Add(module)) yield break;
                    yield return (prefix, module);
                    foreach (var (name, child) in module.modules)
                        foreach (var item in Walk(Join(prefix, name), child, seen))
                            yield return item;
                }
            }

            private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

            /// <summary>Sets training mode here and in every submodule (dropout is active only in training).</summary>
            public Module Train(bool mode = true)
            {
                foreach (var (_, module) in NamedModules()) module.Training = mode;
                return this;
            }

            public Module Eval() => Train(false);

            /// <summary>Clears every parameter's gradient (dropped by default, as PyTorch 2 does).</summary>
            public void ZeroGrad(bool setToNone = true) => optim.Optimizer.ZeroGrad(Parameters().ToList(), setToNone);

            public void Dispose()
            {
                if (disposed) return;
                disposed = true;
                foreach (var (_, p) in parameters) p?.Dispose();
                foreach (var (_, b, _) in buffers) b?.Dispose();
                foreach (var (_, m) in modules) m.Dispose();
                GC.SuppressFinalize(this);
            }
        }
    }
}
