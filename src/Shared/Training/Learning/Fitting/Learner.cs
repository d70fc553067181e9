using TorchSharp;
using static TorchSharp.torch;
using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>Learner</c> for language models: data loaders, a <see cref="LanguageModel"/>, a loss function,
/// a fastai optimizer (created on the first fit), metrics and callbacks. A fit is driven one batch at a time
/// through <see cref="BeginFit"/> (what a model actor does, so it stays responsive between batches) or run to
/// the end with <see cref="Fit"/> / <see cref="FitOneCycle"/>. While a batch runs, the per-batch fields
/// (<see cref="Xb"/>, <see cref="Yb"/>, <see cref="Pred"/>, <see cref="LossGrad"/>, <see cref="Loss"/>) hold
/// tensors owned by the batch's dispose scope; they are null between batches.
/// </summary>
public sealed partial class Learner : IDisposable
{
    private readonly List<Callback> callbacks = [];
    private FitRun? activeRun;
    private bool disposed;

    public Learner(TextDataLoaders dls, LanguageModel model, LearnerOptions? options = null, IEnumerable<Callback>? cbs = null)
    {
        ArgumentNullException.ThrowIfNull(dls);
        ArgumentNullException.ThrowIfNull(model);
        Dls = dls;
        Model = model;
        Options = options ?? new LearnerOptions();
        Recorder = new Recorder();
        AddCb(Recorder);
        foreach (var cb in cbs ?? []) AddCb(cb);
    }

    public TextDataLoaders Dls { get; }

    public LanguageModel Model { get; }

    public LearnerOptions Options { get; }

    /// <summary>The optimizer, created by the first fit (fastai's <c>create_opt</c>) or restored from a checkpoint.</summary>
    public FastaiOptimizer? Opt { get; private set; }

    public Recorder Recorder { get; }

    /// <summary>Attached callbacks in the order they run (by <see cref="Callback.Order"/>, then insertion).</summary>
    public IReadOnlyList<Callback> Callbacks => callbacks;

    /// <summary>True in a training pass, false in a validation pass.</summary>
    public bool Training { get; internal set; }

    public int Epoch { get; internal set; }

    /// <summary>Epochs of the current fit (fastai's <c>n_epoch</c>).</summary>
    public int NEpoch { get; internal set; }

    /// <summary>Batch index within the current pass.</summary>
    public int Iter { get; internal set; }

    /// <summary>Batches in the current pass (fastai's <c>n_iter</c>).</summary>
    public int NIter { get; internal set; }

    /// <summary>Training batches done in this fit (fastai's <c>train_iter</c>).</summary>
    public int TrainIter { get; internal set; }

    /// <summary>fastai's <c>pct_train</c>, where every scheduled hyperparameter is read.</summary>
    public double PctTrain { get; internal set; }

    public TorchSharp.torch.Tensor? Xb { get; internal set; }

    public TorchSharp.torch.Tensor? Yb { get; internal set; }

    /// <summary>The model's logits for the current batch.</summary>
    public TorchSharp.torch.Tensor? Pred { get; internal set; }

    /// <summary>The last recurrent layer's activations before output dropout (regularized models only).</summary>
    public TorchSharp.torch.Tensor? Raw { get; internal set; }

    /// <summary>The same activations after output dropout (regularized models only).</summary>
    public TorchSharp.torch.Tensor? Dropped { get; internal set; }

    /// <summary>The loss that is back-propagated; callbacks may replace it in after_loss (AR/TAR).</summary>
    public TorchSharp.torch.Tensor? LossGrad { get; set; }

    /// <summary>The plain loss of the current batch, detached (what is recorded).</summary>
    public TorchSharp.torch.Tensor? Loss { get; internal set; }

    /// <summary><see cref="Loss"/> as a float.</summary>
    public float LossValue { get; internal set; }

    /// <summary>The smoothed training loss after the last training batch.</summary>
    public float SmoothLoss { get; internal set; }

    /// <summary>The row of the last finished epoch.</summary>
    public EpochRecord? FinalRecord { get; internal set; }

    /// <summary>The fit being driven, or null.</summary>
    public FitRun? ActiveRun => activeRun;

    public void AddCb(Callback cb)
    {
        ArgumentNullException.ThrowIfNull(cb);
        if (callbacks.Contains(cb)) return;
        cb.Attach(this);
        // Stable: a callback goes after every callback of the same or lower order.
        var index = callbacks.FindLastIndex(c => c.Order <= cb.Order);
        callbacks.Insert(index + 1, cb);
    }

    public void RemoveCb(Callback cb)
    {
        ArgumentNullException.ThrowIfNull(cb);
        if (ReferenceEquals(cb, Recorder)) throw new InvalidOperationException("Learner: the Recorder cannot be removed");
        callbacks.Remove(cb);
    }

    /// <summary>The first attached callback of type <typeparamref name="T"/>, or null.</summary>
    public T? Cb<T>() where T : Callback => callbacks.OfType<T>().FirstOrDefault();

    /// <summary>fastai's <c>create_opt</c>: a fresh optimizer over the model's parameters at the default lr.</summary>
    public void CreateOpt()
    {
        Opt?.Dispose();
        var named = Model.named_parameters().ToArray();
        Opt = Options.Optimizer.Create(named, Model.NoWeightDecay, Options.Lr);
        Opt.SetParamGroups(named.Select(p => Model.GroupOf(p.name)).ToArray(), Model.GroupCount);
    }

    /// <summary>
    /// fastai's <c>freeze_to(n)</c>: layer groups before <paramref name="n"/> (counted from the end when negative)
    /// stop training (no gradient, no update, no weight decay); the others train. <c>FreezeTo(0)</c> unfreezes all.
    /// </summary>
    public void FreezeTo(int n)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var count = Model.GroupCount;
        var frozen = n >= 0 ? n : count + n;
        if (frozen < 0 || frozen >= count)
            throw new ArgumentOutOfRangeException(nameof(n), $"freeze_to: expected n in [{-count + 1}, {count - 1}] for {count} layer groups, got {n}");
        if (Opt is null) CreateOpt();
        Opt!.FrozenGroups = frozen;
        foreach (var (name, p) in Model.named_parameters())
        {
            var train = Model.GroupOf(name) >= frozen;
            p.requires_grad = train;
            // A frozen parameter must not carry a stale gradient into the optimizer.
            if (!train) p.grad?.zero_();
        }
    }

    /// <summary>fastai's <c>freeze()</c>: only the last layer group trains.</summary>
    public void Freeze() => FreezeTo(-1);

    /// <summary>fastai's <c>unfreeze()</c>: every layer group trains.</summary>
    public void Unfreeze() => FreezeTo(0);

    /// <summary>Sets an optimizer hyperparameter by fastai's name (lr, mom, wd, sqr_mom, eps).</summary>
    public void SetHyper(string name, double value)
    {
        var opt = Opt ?? throw new InvalidOperationException($"Learner.SetHyper: expected an optimizer, got none (set '{name}' before the first fit)");
        switch (name)
        {
            case "lr": opt.Lr = value; break;
            case "mom": opt.Mom = value; break;
            case "wd": opt.Wd = value; break;
            default: opt.SetExtraHyper(name, value); break;
        }
    }

    public double GetHyper(string name)
    {
        var opt = Opt ?? throw new InvalidOperationException($"Learner.GetHyper: expected an optimizer, got none (reading '{name}')");
        return name switch
        {
            "lr" => opt.Lr,
            "mom" => opt.Mom,
            "wd" => opt.Wd,
            _ => opt.ExtraHypers.TryGetValue(name, out var v) ? v
                : throw new ArgumentException($"Learner.GetHyper: expected lr, mom, wd or one of {string.Join(", ", opt.ExtraHypers.Keys)}, got '{name}'", nameof(name)),
        };
    }

    /// <summary>
    /// Starts a fit that the caller advances with <see cref="FitRun.Step"/>. <paramref name="cbs"/> are
    /// attached for this fit only. Only one fit runs at a time.
    /// </summary>
    public FitRun BeginFit(FitPlan plan, IEnumerable<Callback>? cbs = null) => StartRun(plan, cbs, startEpoch: 0, restore: null);

    /// <summary>Runs <c>fit(n_epoch, lr, wd)</c> to the end and returns the epoch rows.</summary>
    public IReadOnlyList<EpochRecord> Fit(int epochs, double? lr = null, double? wd = null, IEnumerable<Callback>? cbs = null)
        => RunToEnd(FitPlan.Fit(epochs, lr ?? Options.Lr, wd ?? Options.Wd), cbs);

    /// <summary>Runs fastai's <c>fit_one_cycle</c> to the end and returns the epoch rows.</summary>
    public IReadOnlyList<EpochRecord> FitOneCycle(int epochs, double? lrMax = null, double? wd = null, double div = OneCycle.DefaultDiv,
        double divFinal = OneCycle.DefaultDivFinal, double pctStart = OneCycle.DefaultPctStart, IReadOnlyList<double>? moms = null,
        IEnumerable<Callback>? cbs = null)
        => RunToEnd(FitPlan.FitOneCycle(epochs, lrMax ?? Options.Lr, wd ?? Options.Wd, div, divFinal, pctStart, moms ?? Options.Moms), cbs);

    /// <summary>Runs a whole plan (e.g. one restored from a checkpoint by <see cref="Resume"/>).</summary>
    public IReadOnlyList<EpochRecord> RunToEnd(FitPlan plan, IEnumerable<Callback>? cbs = null)
    {
        using var run = BeginFit(plan, cbs);
        run.RunToEnd();
        return Recorder.Values.ToArray();
    }

    internal FitRun StartRun(FitPlan plan, IEnumerable<Callback>? cbs, int startEpoch, LearnerCheckpoint? restore)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (activeRun is { IsFinished: false })
            throw new InvalidOperationException("Learner: expected no fit in progress, got one (finish or dispose the running FitRun first)");
        if (startEpoch < 0 || startEpoch > plan.Epochs)
            throw new ArgumentOutOfRangeException(nameof(startEpoch), $"Learner: expected a start epoch in [0, {plan.Epochs}], got {startEpoch}");
        activeRun = new FitRun(this, plan, cbs ?? [], startEpoch, restore);
        return activeRun;
    }

    internal void EndRun(FitRun run)
    {
        if (ReferenceEquals(activeRun, run)) activeRun = null;
    }

    /// <summary>Calls <paramref name="e"/> on every callback, in order.</summary>
    internal void Event(LearnerEvent e)
    {
        // A copy: a callback may add or remove callbacks (fit-only ones are removed in after_fit).
        foreach (var cb in callbacks.ToArray()) CallbackDispatch.Call(cb, e, Training);
    }

    internal void ClearBatch()
    {
        Xb = Yb = Pred = Raw = Dropped = LossGrad = Loss = null;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        activeRun?.Dispose();
        Opt?.Dispose();
        foreach (var cb in callbacks.OfType<IDisposable>()) cb.Dispose();
    }
}
