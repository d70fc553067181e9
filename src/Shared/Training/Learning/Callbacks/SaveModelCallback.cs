using TorchSharp;
using static TorchSharp.torch;
using Troupe.Training.Serialization;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>SaveModelCallback</c>: keeps the model weights of the best epoch (by the monitored column) and
/// puts them back into the model when the fit ends, so the Learner ends with its best model. With a
/// <see cref="Path"/> the best weights are also written there as a PyTorch state dict each time they improve.
/// </summary>
internal sealed class SaveModelCallback : TrackerCallback, IDisposable
{
    private Dictionary<string, Tensor>? best;

    public SaveModelCallback(string monitor = "valid_loss", bool? lowerIsBetter = null, double minDelta = 0, string? path = null, bool resetOnFit = true)
        : base(monitor, lowerIsBetter, minDelta, resetOnFit) => Path = path;

    public string? Path { get; }

    /// <summary>The epoch whose weights are kept, or null before the first improvement.</summary>
    public int? BestEpoch { get; private set; }

    public override void AfterEpoch()
    {
        base.AfterEpoch();
        if (!NewBest) return;
        BestEpoch = Learn.Epoch;
        DisposeBest();
        // state_dict() hands out the live parameters: keep copies, never dispose what it returned.
        using (no_grad())
            best = Learn.Model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone().DetachFromDisposeScope());
        if (Path is not null) StateDicts.Save(best, Path);
    }

    public override void AfterFit()
    {
        if (best is not null) Learn.Model.load_state_dict(best);
    }

    public override IReadOnlyDictionary<string, double> SaveState()
        => new Dictionary<string, double>(base.SaveState()) { ["best_epoch"] = BestEpoch ?? -1 };

    public override void RestoreState(IReadOnlyDictionary<string, double> state)
    {
        base.RestoreState(state);
        // The weights of an earlier best epoch are not in the checkpoint: only improvements from here on are kept.
        BestEpoch = state.TryGetValue("best_epoch", out var e) && e >= 0 ? (int)e : null;
    }

    public void Dispose() => DisposeBest();

    private void DisposeBest()
    {
        if (best is null) return;
        foreach (var t in best.Values) t.Dispose();
        best = null;
    }
}
