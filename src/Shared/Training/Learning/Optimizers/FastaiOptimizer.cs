using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>Optimizer</c> with one parameter group: hyperparameters (<c>lr</c>, <c>mom</c>, <c>wd</c>, ...)
/// that schedulers change between batches, per-parameter state, and fastai's rule that the parameters in
/// <c>noWeightDecay</c> (biases of Linear layers, <c>wd_bn_bias=False</c>) skip weight decay. Parameters
/// without a gradient are skipped. State tensors are created at the first step and can be saved and
/// restored for checkpoints.
/// </summary>
/// <remarks>
/// Scalars: every hyperparameter reaches libtorch as an explicit <c>Scalar</c> held in a <c>using</c> local, never
/// through TorchSharp's implicit <c>double</c> → <c>Scalar</c> conversion. An implicit one is not in any dispose scope,
/// its finalizer frees the native scalar, and TorchSharp passes only its raw handle to the native call, so a GC on
/// another thread during that call could free it mid-call: libtorch then read a garbage scalar ("Expected false to
/// be true" from <c>Scalar::toDouble</c> in <c>mul</c>/<c>add_</c>), which failed about one trial in 60 of the 32-epoch
/// chaos sweep. The <c>using</c> keeps the scalar reachable until the call has returned.
/// </remarks>
public abstract class FastaiOptimizer : IDisposable
{
    private readonly Parameter[] parameters;
    private readonly bool[] doWd;
    private readonly Tensor?[][] state;
    private readonly long[] steps;
    private int[] groups;
    private double[] lrScales = [1.0];
    private bool disposed;

    private protected FastaiOptimizer(IEnumerable<(string Name, Parameter Parameter)> parameters, IReadOnlySet<string> noWeightDecay,
        double lr, double mom, double wd, IReadOnlyList<string> stateNames)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(noWeightDecay);
        var list = parameters.ToArray();
        if (list.Length == 0) throw new ArgumentException("optimizer: expected at least one parameter, got none", nameof(parameters));
        this.parameters = list.Select(p => p.Parameter).ToArray();
        Names = list.Select(p => p.Name).ToArray();
        doWd = list.Select(p => !noWeightDecay.Contains(p.Name)).ToArray();
        StateNames = stateNames;
        state = stateNames.Select(_ => new Tensor?[list.Length]).ToArray();
        steps = new long[list.Length];
        groups = new int[list.Length];
        Lr = lr;
        Mom = mom;
        Wd = wd;
    }

    /// <summary>fastai's name of the optimizer ("Adam", "SGD").</summary>
    public abstract string Kind { get; }

    public double Lr { get; set; }

    /// <summary>Parameter groups (fastai's layer groups, from the model's splitter); 1 until <see cref="SetParamGroups"/>.</summary>
    public int GroupCount => lrScales.Length;

    /// <summary>The group of parameter i.</summary>
    public int GroupOf(int index) => groups[index];

    /// <summary>
    /// Groups [0, FrozenGroups) are frozen (fastai's <c>freeze_to</c>): their parameters are skipped entirely by
    /// <see cref="Step"/>, weight decay included.
    /// </summary>
    public int FrozenGroups { get; set; }

    /// <summary>
    /// Each group's learning rate as a multiple of <see cref="Lr"/> (the last group's, fastai's <c>hypers[-1]</c>):
    /// discriminative learning rates (<c>lr_max=slice(lo, hi)</c>) are <c>even_mults(lo, hi, n) / hi</c>.
    /// </summary>
    public IReadOnlyList<double> LrScales => lrScales;

    /// <summary>Assigns every parameter (in <see cref="Parameters"/> order) to a group in [0, groupCount); scales reset to 1.</summary>
    public void SetParamGroups(IReadOnlyList<int> groupOfParameter, int groupCount)
    {
        ArgumentNullException.ThrowIfNull(groupOfParameter);
        if (groupCount < 1) throw new ArgumentOutOfRangeException(nameof(groupCount), $"{Kind}: expected at least one parameter group, got {groupCount}");
        if (groupOfParameter.Count != parameters.Length)
            throw new ArgumentException($"{Kind}: expected a group for each of {parameters.Length} parameters, got {groupOfParameter.Count}", nameof(groupOfParameter));
        for (var i = 0; i < groupOfParameter.Count; i++)
            if (groupOfParameter[i] < 0 || groupOfParameter[i] >= groupCount)
                throw new ArgumentException($"{Kind}: expected groups in [0, {groupCount}), got {groupOfParameter[i]} for {Names[i]}", nameof(groupOfParameter));
        groups = groupOfParameter.ToArray();
        lrScales = Enumerable.Repeat(1.0, groupCount).ToArray();
        FrozenGroups = Math.Min(FrozenGroups, groupCount);
    }

    /// <summary>Sets the per-group learning-rate multiples (one per group, each > 0).</summary>
    public void SetLrScales(IReadOnlyList<double> scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        if (scales.Count != lrScales.Length)
            throw new ArgumentException($"{Kind}: expected {lrScales.Length} learning-rate multiples (one per group), got {scales.Count}", nameof(scales));
        if (scales.Any(x => !(x > 0))) throw new ArgumentException($"{Kind}: expected learning-rate multiples > 0, got [{string.Join(", ", scales)}]", nameof(scales));
        lrScales = scales.ToArray();
    }

    /// <summary>fastai's <c>mom</c>: Adam's beta1, SGD's momentum.</summary>
    public double Mom { get; set; }

    /// <summary>Decoupled weight decay: <c>p *= 1 - lr*wd</c> before each step.</summary>
    public double Wd { get; set; }

    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>Parameter names, as the model names them.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether parameter i gets weight decay.</summary>
    public bool DecaysWeight(int index) => doWd[index];

    /// <summary>Names of the per-parameter state tensors (fastai's: grad_avg, sqr_avg).</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>Optimizer steps taken by parameter i (fastai's <c>step</c> state).</summary>
    public long StepCount(int index) => steps[index];

    /// <summary>The extra hyperparameters a subclass has (sqr_mom, eps), by fastai name.</summary>
    public abstract IReadOnlyDictionary<string, double> ExtraHypers { get; }

    /// <summary>Sets an extra hyperparameter by fastai name.</summary>
    public abstract void SetExtraHyper(string name, double value);

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (groups[i] < FrozenGroups) continue;
            var grad = parameters[i].grad;
            if (grad is null) continue;
            var p = parameters[i];
            var lr = Lr * lrScales[groups[i]];
            if (doWd[i] && Wd != 0)
            {
                using var decay = (1 - lr * Wd).ToScalar();
                p.mul_(decay);
            }
            for (var s = 0; s < state.Length; s++) state[s][i] ??= zeros_like(grad).DetachFromDisposeScope();
            steps[i]++;
            Update(p, grad, i, steps[i], lr);
        }
    }

    /// <summary>The update after weight decay at the parameter's group learning rate, with the step counter already incremented (fastai's step_stat).</summary>
    private protected abstract void Update(Tensor p, Tensor grad, int index, long step, double lr);

    private protected Tensor State(int kind, int index) => state[kind][index]!;

    /// <summary>fastai's <c>zero_grad</c>: detaches every gradient and zeroes it in place.</summary>
    public void ZeroGrad()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var scope = NewDisposeScope();
        foreach (var p in parameters)
        {
            if (p.grad is not { } g) continue;
            // fastai detaches first: a gradient left attached to a graph (create_graph) would keep that graph alive.
            g.detach_().zero_();
        }
    }

    /// <summary>The state tensors by "{index}.{name}" (live tensors; copy before changing them).</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> StateTensors()
    {
        for (var s = 0; s < state.Length; s++)
            for (var i = 0; i < parameters.Length; i++)
                if (state[s][i] is { } t)
                    yield return new($"{i}.{StateNames[s]}", t);
    }

    /// <summary>Per-parameter step counts (parallel to <see cref="Parameters"/>).</summary>
    public long[] StepCounts() => (long[])steps.Clone();

    /// <summary>Puts back state saved by <see cref="StateTensors"/> and <see cref="StepCounts"/>; tensors are copied.</summary>
    public void LoadState(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyList<long> stepCounts)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(stepCounts);
        if (stepCounts.Count != parameters.Length)
            throw new ArgumentException($"{Kind}.LoadState: expected {parameters.Length} step counts, got {stepCounts.Count}", nameof(stepCounts));
        var known = new HashSet<string>();
        for (var s = 0; s < state.Length; s++)
            for (var i = 0; i < parameters.Length; i++)
            {
                var key = $"{i}.{StateNames[s]}";
                known.Add(key);
                if (!tensors.TryGetValue(key, out var t))
                {
                    if (stepCounts[i] != 0) throw new ArgumentException($"{Kind}.LoadState: expected state '{key}' for a parameter that took {stepCounts[i]} steps, got none", nameof(tensors));
                    continue;
                }
                var expected = parameters[i].shape;
                if (!expected.AsSpan().SequenceEqual(t.shape))
                    throw new ArgumentException($"{Kind}.LoadState: '{key}' expected shape [{string.Join(", ", expected)}], got [{string.Join(", ", t.shape)}]", nameof(tensors));
            }
        var unknown = tensors.Keys.Where(k => !known.Contains(k)).ToArray();
        if (unknown.Length > 0) throw new ArgumentException($"{Kind}.LoadState: unexpected state {string.Join(", ", unknown)}", nameof(tensors));
        for (var s = 0; s < state.Length; s++)
            for (var i = 0; i < parameters.Length; i++)
            {
                state[s][i]?.Dispose();
                state[s][i] = tensors.TryGetValue($"{i}.{StateNames[s]}", out var t) ? t.clone().DetachFromDisposeScope() : null;
            }
        for (var i = 0; i < steps.Length; i++) steps[i] = stepCounts[i];
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var row in state)
            foreach (var t in row) t?.Dispose();
        GC.SuppressFinalize(this);
    }
}
