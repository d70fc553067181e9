using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Reporting.Live;

/// <summary>
/// The live table's model as pure state: one <see cref="TrialRow"/> per trial of the sweep, in trial order, updated
/// from the coordinator's <see cref="SweepEvent"/>s as they arrive (or restored from a journal on resume), plus the
/// sweep's name, its workers and how it ended. Knows nothing of terminals or clocks; a reader of
/// <see cref="Rows"/> gets immutable rows.
/// </summary>
internal sealed class TrialBoard
{
    private readonly List<string> order;
    private readonly Dictionary<string, TrialRow> rows;
    private readonly Dictionary<string, int> workers = new(StringComparer.Ordinal);
    private long changes;

    /// <param name="trials">The sweep's trials; events about other trials are refused.</param>
    /// <param name="epochs">Epochs per trial (the spec's <c>train.epochs</c>).</param>
    public TrialBoard(IReadOnlyList<TrialConfig> trials, int epochs)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        Epochs = epochs;
        order = [.. trials.Select(t => t.TrialId)];
        rows = trials.ToDictionary(t => t.TrialId, t => new TrialRow(t.TrialId, t.Index, ParamText.Short(t.Params), TrialRowStatus.Pending, 0, 0,
            null, null, null, null, null, false, null, 0), StringComparer.Ordinal);
    }

    public int Epochs { get; }

    /// <summary>The sweep's name once it started (empty before).</summary>
    public string Name { get; private set; } = "";

    public bool Resumed { get; private set; }

    /// <summary><c>finished</c> or <c>aborted</c> once the sweep ended, else null.</summary>
    public string? Outcome { get; private set; }

    /// <summary>Workers joined and not lost, with their slots.</summary>
    public IReadOnlyDictionary<string, int> Workers => workers;

    public IReadOnlyList<TrialRow> Rows => [.. order.Select(id => rows[id])];

    public TrialRow this[string trialId] => rows.TryGetValue(trialId, out var row)
        ? row
        : throw new ArgumentException($"TrialBoard: expected a trial of this sweep, got '{trialId}'", nameof(trialId));

    public int Total => order.Count;

    public int Done => rows.Values.Count(r => r.Terminal);

    public int Running => rows.Values.Count(r => r.Status == TrialRowStatus.Running);

    /// <summary>Epochs still to train if no trial stops early: the ETA's upper bound.</summary>
    public int RemainingEpochs => rows.Values.Where(r => !r.Terminal).Sum(r => Math.Max(0, Epochs - r.EpochsDone));

    /// <summary>A trial as a journal left it: its status (one that was running waits for its restart), worker, attempts and latest epoch.</summary>
    public void Restore(string trialId, TrialStatus status, string? worker, int attempts, Worker.Protocol.EpochMetrics? last)
    {
        var shown = status switch
        {
            TrialStatus.Completed => TrialRowStatus.Completed,
            TrialStatus.Stopped => TrialRowStatus.Stopped,
            TrialStatus.Failed => TrialRowStatus.Failed,
            TrialStatus.Paused => TrialRowStatus.Paused,
            _ => TrialRowStatus.Pending,
        };
        Update(trialId, r => r with
        {
            Status = shown, Worker = worker, Attempt = attempts, EpochsDone = last is null ? 0 : last.Epoch + 1,
            TrainLoss = last?.TrainLoss, ValidLoss = last?.ValidLoss, Accuracy = last?.Value("accuracy"),
        });
    }

    /// <summary>
    /// Applies one event: its board effect from <see cref="SweepEventFormats"/>, one of the methods below; false when it
    /// changes no row or sweep fact (a stale report, a progress tick).
    /// </summary>
    public bool Apply(SweepEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return SweepEventFormats.Of(e).Board is { } effect && effect(this, e);
    }

    /// <summary>The sweep started or resumed under <paramref name="name"/>.</summary>
    public bool Start(string name, bool resumed)
    {
        (Name, Resumed) = (name, resumed);
        return true;
    }

    public bool Join(string workerId, int slots)
    {
        workers[workerId] = slots;
        return true;
    }

    /// <summary>The worker is gone; its trials not yet ended show lost, with <paramref name="detail"/>.</summary>
    public bool Lose(string workerId, IEnumerable<string> evicted, string detail)
    {
        workers.Remove(workerId);
        foreach (var id in evicted) Update(id, r => r.Terminal ? r : r with { Status = TrialRowStatus.Lost, Batch = null, Detail = detail });
        return true;
    }

    /// <summary>An attempt runs on <paramref name="workerId"/> from epoch <paramref name="startEpoch"/>.</summary>
    public bool Place(FencingToken fence, string workerId, int startEpoch, string? detail)
    {
        Update(fence.TrialId, r => r with
        {
            Status = TrialRowStatus.Running, Attempt = fence.Attempt, Worker = workerId, EpochsDone = startEpoch, Batch = null, Detail = detail,
        });
        return true;
    }

    /// <summary>The batch bar of the live attempt; false for an attempt that is not the one running.</summary>
    public bool Progress(Worker.Protocol.TrialProgress b)
    {
        if (this[b.Fence.TrialId] is not { Status: TrialRowStatus.Running } live || live.Attempt != b.Fence.Attempt) return false;
        Update(b.Fence.TrialId, r => r with { Batch = b.BatchCount <= 0 ? null : Math.Clamp((double)b.Iter / b.BatchCount, 0, 1), Validating = !b.Training });
        return true;
    }

    /// <summary>Only the trial's detail changes.</summary>
    public bool Annotate(string trialId, string detail)
    {
        Update(trialId, r => r with { Detail = detail });
        return true;
    }

    /// <summary>An accepted epoch: its losses and accuracy; the batch bar empties.</summary>
    public bool Epoch(string trialId, Worker.Protocol.EpochMetrics m)
    {
        Update(trialId, r => r with
        {
            EpochsDone = m.Epoch + 1, TrainLoss = m.TrainLoss, ValidLoss = m.ValidLoss, Accuracy = m.Value("accuracy"), Batch = null, Validating = false,
        });
        return true;
    }

    /// <summary>The attempt ended (or the trial waits, blocked) with <paramref name="status"/> and why.</summary>
    public bool End(string trialId, TrialRowStatus status, string? detail)
    {
        Update(trialId, r => r with { Status = status, Batch = null, Validating = false, Detail = detail });
        return true;
    }

    /// <summary>The sweep ended: <c>finished</c> or <c>aborted</c>.</summary>
    public bool Finish(string outcome)
    {
        Outcome = outcome;
        return true;
    }

    /// <summary>
    /// At most <paramref name="max"/> rows for a screen, in trial order: all when they fit, else the active ones
    /// (running, lost, retrying, blocked) first, then the most recently changed.
    /// </summary>
    public IReadOnlyList<TrialRow> Visible(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (order.Count <= max) return Rows;
        return [.. rows.Values
            .OrderByDescending(r => r.Active)
            .ThenByDescending(r => r.Changed)
            .ThenBy(r => r.Index)
            .Take(max)
            .OrderBy(r => r.Index)];
    }

    private void Update(string trialId, Func<TrialRow, TrialRow> change) => rows[trialId] = change(this[trialId]) with { Changed = ++changes };
}
