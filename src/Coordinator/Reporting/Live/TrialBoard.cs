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

    /// <summary>Applies one event; false when it changes no row or sweep fact (a stale report, a progress tick).</summary>
    public bool Apply(SweepEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e)
        {
            case SweepStarted s:
                (Name, Resumed) = (s.Name, s.Resumed);
                return true;
            case WorkerJoined w:
                workers[w.WorkerId] = w.Slots;
                return true;
            case WorkerLost w:
                workers.Remove(w.WorkerId);
                foreach (var id in w.Evicted)
                    Update(id, r => r.Terminal ? r : r with { Status = TrialRowStatus.Lost, Batch = null, Detail = $"{w.WorkerId} lost" });
                return true;
            case TrialPlaced p:
                Update(p.Fence.TrialId, r => r with
                {
                    Status = TrialRowStatus.Running, Attempt = p.Fence.Attempt, Worker = p.WorkerId, EpochsDone = p.StartEpoch, Batch = null,
                    Detail = p.StartEpoch > 0 ? $"from epoch {p.StartEpoch} checkpoint" : null,
                });
                return true;
            case TrialBatchProgress { Progress: var b }:
                if (this[b.Fence.TrialId] is not { Status: TrialRowStatus.Running } live || live.Attempt != b.Fence.Attempt) return false;
                Update(b.Fence.TrialId, r => r with { Batch = b.BatchCount <= 0 ? null : Math.Clamp((double)b.Iter / b.BatchCount, 0, 1), Validating = !b.Training });
                return true;
            case TrialResumed t:
                Update(t.Fence.TrialId, r => r with { Detail = $"training from the epoch {t.Epoch} checkpoint" });
                return true;
            case EpochReported r:
                Update(r.Fence.TrialId, x => x with
                {
                    EpochsDone = r.Metrics.Epoch + 1, TrainLoss = r.Metrics.TrainLoss, ValidLoss = r.Metrics.ValidLoss, Accuracy = r.Metrics.Value("accuracy"),
                    Batch = null, Validating = false,
                });
                return true;
            case TrialStoppedEarly s:
                return End(s.Fence.TrialId, TrialRowStatus.Stopped, $"by {s.Scheduler} after {s.Epochs} epochs");
            case TrialPaused p:
                return End(p.Fence.TrialId, TrialRowStatus.Paused, $"after {p.Epochs} epochs");
            case TrialCompleted c:
                return End(c.Fence.TrialId, TrialRowStatus.Completed, null);
            case TrialAttemptFailed f:
                return End(f.Fence.TrialId, f.Retrying ? TrialRowStatus.Retrying : TrialRowStatus.Failed,
                    f.Retrying ? $"{f.Reason}; restarts from epoch {f.ResumeEpoch}" : f.Reason);
            case PlacementBlocked { MissingDevice: { } device } b:
                return End(b.TrialId, TrialRowStatus.Blocked, $"asks for {device.Name()} slots, none of the cluster's {b.TotalSlots} is one");
            case PlacementBlocked b:
                return End(b.TrialId, TrialRowStatus.Blocked, $"needs {b.SlotsNeeded} slots on one worker, the cluster has {b.TotalSlots}");
            case GroupBlocked g:
                return End(g.TrialId, TrialRowStatus.Blocked,
                    $"needs {g.Replicas} replicas of {g.SlotsPerReplica} slot{(g.SlotsPerReplica == 1 ? "" : "s")} on distinct slots, the cluster has {g.TotalSlots}");
            case SweepFinished f:
                Outcome = f.Summary.State;
                return true;
            default:
                return false;
        }
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

    private bool End(string trialId, TrialRowStatus status, string? detail)
    {
        Update(trialId, r => r with { Status = status, Batch = null, Validating = false, Detail = detail });
        return true;
    }

    private void Update(string trialId, Func<TrialRow, TrialRow> change) => rows[trialId] = change(this[trialId]) with { Changed = ++changes };
}
