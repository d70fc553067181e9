using System.Globalization;
using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    public static partial class optim
    {
        // State export/import as named tensors (what the serializer saves into checkpoints).
        public abstract partial class Optimizer
        {
            /// <summary>Hyperparameters saved per group: name, getter, setter.</summary>
            private protected abstract IReadOnlyList<(string Name, Func<ParamGroup, double> Get, Action<ParamGroup, double> Set)> HyperParameters { get; }

            /// <summary>
            /// The optimizer state by PyTorch-like names. Parameters are numbered across groups in
            /// order (k); a parameter that was never updated has no entries.
            /// <list type="bullet">
            /// <item><c>state.{k}.step</c>: int64 0-d, the update count of parameter k;</item>
            /// <item><c>state.{k}.{name}</c>: that parameter's state tensors (e.g. <c>exp_avg</c>), sharing storage with the optimizer's own;</item>
            /// <item><c>param_groups.{g}.{hyperparameter}</c>: float64 0-d (e.g. <c>lr</c>, <c>beta1</c>).</item>
            /// </list>
            /// Every tensor is new: dispose them (or let a dispose scope do it).
            /// </summary>
            public IReadOnlyDictionary<string, Tensor> StateDict()
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                var result = new OrderedDictionary<string, Tensor>();
                var k = 0;
                foreach (var group in groups)
                    for (var i = 0; i < group.Parameters.Count; i++, k++)
                    {
                        if (group.Steps[i] == 0) continue;
                        result.Add(Key("state", k, "step"), tensor(group.Steps[i], ScalarType.Int64));
                        for (var s = 0; s < StateNames.Count; s++)
                            if (group.State[s][i] is { } t)
                                result.Add(Key("state", k, StateNames[s]), t.detach());
                    }
                for (var g = 0; g < groups.Count; g++)
                    foreach (var (name, get, _) in HyperParameters)
                        result.Add(Key("param_groups", g, name), tensor(get(groups[g]), ScalarType.Float64));
                return result;
            }

            /// <summary>
            /// Restores a state taken by <see cref="StateDict"/> from an optimizer of the same kind over
            /// parameters of the same shapes. Everything is checked before anything changes.
            /// </summary>
            public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                ArgumentNullException.ThrowIfNull(state);
                var parameters = groups.SelectMany((group, g) => group.Parameters.Select((p, i) => (Group: group, Index: i, Parameter: p))).ToList();
                var errors = new List<string>();
                var steps = new Dictionary<int, long>();
                var tensors = new List<(ParamGroup Group, int Kind, int Index, Tensor Source)>();
                var hypers = new List<(ParamGroup Group, Action<ParamGroup, double> Set, double Value)>();
                foreach (var (key, value) in state)
                {
                    var parts = key.Split('.');
                    if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        errors.Add($"unexpected key '{key}'");
                        continue;
                    }
                    if (parts[0] == "state" && index < parameters.Count)
                    {
                        var (group, i, p) = parameters[index];
                        if (parts[2] == "step")
                            steps[index] = value.item<long>();
                        else if (StateNames.ToList().IndexOf(parts[2]) is var kind and >= 0)
                        {
                            var (expected, actual) = (p.shape, value.shape);
                            if (expected.AsSpan().SequenceEqual(actual)) tensors.Add((group, kind, i, value));
                            else errors.Add($"'{key}': expected shape [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
                        }
                        else errors.Add($"unexpected key '{key}'");
                    }
                    else if (parts[0] == "param_groups" && index < groups.Count && HyperParameters.FirstOrDefault(h => h.Name == parts[2]) is { Name: not null } h)
                        hypers.Add((groups[index], h.Set, value.item<double>()));
                    else
                        errors.Add($"unexpected key '{key}'");
                }
                foreach (var (group, kind, i, _) in tensors)
                    if (!steps.ContainsKey(parameters.FindIndex(p => p.Group == group && p.Index == i)))
                        errors.Add($"missing key 'state.{parameters.FindIndex(p => p.Group == group && p.Index == i)}.step'");
                if (errors.Count > 0) throw new TorchException(nameof(LoadStateDict), string.Join("; ", errors));

                foreach (var group in groups)
                {
                    Array.Clear(group.Steps);
                    foreach (var kind in group.State)
                        for (var i = 0; i < kind.Length; i++)
                        {
                            kind[i]?.Dispose();
                            kind[i] = null;
                        }
                }
                foreach (var (index, step) in steps) parameters[index].Group.Steps[parameters[index].Index] = step;
                using (no_grad())
                    foreach (var (group, kind, i, source) in tensors)
                    {
                        var target = zeros_like(group.Parameters[i]).DetachFromDisposeScope();
                        target.copy_(source);
                        group.State[kind][i] = target;
                    }
                foreach (var (group, set, value) in hypers) set(group, value);
            }

            private static string Key(string area, int index, string name)
                => string.Create(CultureInfo.InvariantCulture, $"{area}.{index}.{name}");
        }
    }
}
