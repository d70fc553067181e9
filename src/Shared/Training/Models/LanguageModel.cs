using TorchSharp;
using Troupe.Training.Native;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// A language model the Learner trains: int64 token ids [bs, sl] in, <see cref="LanguageModelOutput"/> out.
/// Stateful models keep their recurrent hidden state between calls (detached after every call: truncated
/// BPTT) and size it to the batch they see; <see cref="Reset"/> clears it (fastai's <c>ModelResetter</c>
/// calls it before every training and validation pass). The hidden state lives in named slots outside the
/// module's buffers, so it stays out of state dicts (PyTorch's models keep it as a plain attribute too) and is
/// freed with the model.
/// </summary>
public abstract class LanguageModel : nn.Module<Tensor, LanguageModelOutput>
{
    private readonly Dictionary<string, Tensor?> states = [];

    // libtorch 2.10's oneDNN inference LSTM computes other outputs than its grad-mode kernel (see OneDnn), and glibc
    // unmaps big tensor buffers on every free (see NativeHeap).
    static LanguageModel() => TorchProcess.EnsureConfigured();

    /// <param name="name">The module's name (TorchSharp's <c>Module(name)</c>).</param>
    protected LanguageModel(string name) : base(name)
    {
    }

    /// <summary>Tokens per input row the model needs (3 for LMModel1–3), or null when any length works.</summary>
    public virtual int? ContextLength => null;

    /// <summary>True when the model carries hidden state from one call to the next.</summary>
    public abstract bool IsStateful { get; }

    /// <summary>True when forward also returns raw and dropped activations (for <c>RNNRegularizer</c>).</summary>
    public virtual bool ReturnsActivations => false;

    /// <summary>Clears the hidden state (the next call starts from zeros).</summary>
    public abstract void Reset();

    /// <summary>
    /// Names of the parameters fastai exempts from weight decay (<c>wd_bn_bias=False</c>): the <c>bias</c> of
    /// every module that has a <c>.bias</c> attribute (Linear layers). Recurrent layers' biases are not in it:
    /// PyTorch's RNN modules hold <c>bias</c> as a bool, so fastai decays them.
    /// </summary>
    public abstract IReadOnlySet<string> NoWeightDecay { get; }

    /// <summary>fastai's layer groups (the model's <c>splitter</c>): how many there are, frozen and given learning rates together.</summary>
    public virtual int GroupCount => 1;

    /// <summary>The layer group of the parameter called <paramref name="parameterName"/> (0 = the first, frozen longest).</summary>
    public virtual int GroupOf(string parameterName) => 0;

    /// <summary>Declares a hidden-state slot, empty (zeros) until set.</summary>
    protected void RegisterState(string name)
    {
        if (!states.TryAdd(name, null)) throw new ArgumentException($"{GetType().Name}: hidden-state slot '{name}' is declared twice", nameof(name));
    }

    /// <summary>
    /// Does nothing: children are registered explicitly under PyTorch's names (<see cref="ModuleRegistration"/>).
    /// TorchSharp's default, run when this module becomes another's child, registers every Module, Parameter and
    /// Tensor field again under its C# name (<c>encoderDp.emb.weight</c> beside <c>encoder_dp.emb.weight</c>, hidden
    /// state as buffers), which breaks strict state-dict loading and PyTorch interop.
    /// </summary>
    protected override void RegisterComponents()
    {
    }

    /// <summary>Stores <paramref name="value"/> in the slot <paramref name="name"/> (taking it out of dispose scopes) and frees what it held.</summary>
    protected void SetState(string name, ref Tensor? field, Tensor? value)
    {
        if (!states.TryGetValue(name, out var held))
            throw new ArgumentException($"{GetType().Name}: expected a declared hidden-state slot, got '{name}'", nameof(name));
        if (ReferenceEquals(field, value)) return;
        value?.DetachFromDisposeScope();
        states[name] = value;
        if (!ReferenceEquals(held, value)) held?.Dispose();
        field = value;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var t in states.Values) t?.Dispose();
            states.Clear();
        }
        base.Dispose(disposing);
    }

    /// <summary>Checks ids are [bs, sl] int64 with the length this model needs.</summary>
    protected void CheckInput(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var shape = x.shape;
        if (shape.Length != 2)
            throw new ArgumentException($"{GetType().Name}: expected token ids of shape [bs, sl], got [{string.Join(", ", shape)}]", nameof(x));
        if (x.dtype != ScalarType.Int64)
            throw new ArgumentException($"{GetType().Name}: expected int64 token ids, got {x.dtype}", nameof(x));
        if (ContextLength is { } n && shape[1] != n)
            throw new ArgumentException($"{GetType().Name}: expected {n} tokens per row, got {shape[1]}", nameof(x));
    }
}
