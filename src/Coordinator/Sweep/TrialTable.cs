using Akka.Actor;
using Troupe.Coordinator.Journal;
using Troupe.Training.Experiments;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Sweep;

/// <summary>
/// The coordinator's book of trials as a pure state class: each trial's status, live attempt (fenced by an
/// <see cref="AttemptTracker"/>), model actor, checkpoint position and best metric, and the <see cref="RetryBudget"/>.
/// Built from the search's trials, or restored from a journal: finished trials stay finished, and attempts the last
/// coordinator left running are requeued (their next attempt starts from the latest checkpoint; an interruption is
/// not a failure).
/// </summary>
internal sealed class TrialTable
{
    private readonly List<TrialEntry> trials;
    private readonly Dictionary<string, TrialEntry> byId;
    private readonly AttemptTracker attempts = new();
    private readonly RetryBudget retries;
    private readonly TrainSpec train;

    public TrialTable(IReadOnlyList<TrialConfig> configs, ExperimentSpec spec, JournalSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(spec);
        train = spec.Train;
        retries = spec.CreateRetryBudget();
        trials = [.. configs.Select(c => new TrialEntry(c))];
        byId = trials.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var interrupted = new List<FencingToken>();
        foreach (var j in snapshot?.Trials ?? [])
        {
            if (!byId.TryGetValue(j.TrialId, out var t))
                throw new InvalidDataException($"journal: expected trials of this spec, got '{j.TrialId}' that it does not generate");
            if (!t.Config.Params.Equals(j.Params))
                throw new InvalidDataException($"journal: expected {j.TrialId} with ({t.Config.Params}), got ({j.Params}): the spec changed");
            attempts.Restore(j.TrialId, j.Attempts);
            retries.Restore(j.TrialId, j.Failures);
            if (j.LiveAttempt is { } live) interrupted.Add(new FencingToken(j.TrialId, live));
            t.Status = j.Status is TrialStatus.Running ? TrialStatus.Pending : j.Status;
            t.Worker = j.Worker;
            t.CheckpointEpoch = j.LatestCheckpointEpoch;
            t.EpochsDone = j.LatestCheckpointEpoch ?? 0;
            t.Best = j.BestMetric;
        }
        Interrupted = interrupted;
    }

    /// <summary>Attempts a previous coordinator left live (to close in the journal).</summary>
    public IReadOnlyList<FencingToken> Interrupted { get; }

    public IReadOnlyList<TrialEntry> All => trials;

    public TrialEntry this[string trialId] => byId[trialId];

    public bool AllDone => trials.All(t => t.Terminal);

    public int Done => trials.Count(t => t.Terminal);

    public int Running => trials.Count(t => t.Status == TrialStatus.Running);

    public int Waiting => trials.Count(t => t.Status is TrialStatus.Pending or TrialStatus.Paused);

    public int Count(TrialStatus status) => trials.Count(t => t.Status == status);

    /// <summary>Epochs still to train if no trial stops early (an upper bound for the ETA).</summary>
    public int RemainingEpochs => trials.Where(t => !t.Terminal).Sum(t => Math.Max(0, train.Epochs - t.EpochsDone));

    /// <summary>Trials waiting for a slot, in trial order (what the scheduler chooses among).</summary>
    public IReadOnlyList<TrialCandidate> Candidates() =>
        [.. trials.Where(t => t.Status is TrialStatus.Pending or TrialStatus.Paused).Select(t => new TrialCandidate(t.Id, t.Status))];

    /// <summary>
    /// Starts a new attempt whose replicas run on <paramref name="workers"/> (by rank; a fresh data-parallel group):
    /// the trial runs, and every earlier attempt, its whole group included, is fenced off.
    /// </summary>
    public FencingToken Begin(string trialId, IReadOnlyList<string> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        if (workers.Count == 0) throw new ArgumentException($"TrialTable: expected the workers of {trialId}'s replicas, got none", nameof(workers));
        var t = byId[trialId];
        if (t.Status is not (TrialStatus.Pending or TrialStatus.Paused))
            throw new InvalidOperationException($"TrialTable: expected {trialId} waiting, got it {t.Status}");
        var token = attempts.Begin(trialId);
        t.Status = TrialStatus.Running;
        t.Worker = workers[0];
        t.Workers = [.. workers];
        t.Live = token;
        t.ModelActors.Clear();
        t.ModelWorkers.Clear();
        t.FinishedReplicas.Clear();
        t.Training = false;
        return token;
    }

    public FenceVerdict Check(FencingToken token) => attempts.Check(token);

    /// <summary>
    /// A model actor of the live attempt <paramref name="token"/> started (once per actor; a report may announce it before
    /// the agent does, without its worker: then it is the attempt's only worker, if it has one).
    /// </summary>
    public void Started(FencingToken token, IActorRef modelActor, string? workerId = null)
    {
        var t = byId[token.TrialId];
        if (!t.ModelActors.Contains(modelActor)) t.ModelActors.Add(modelActor);
        if ((workerId ?? (t.Workers.Count == 1 ? t.Workers[0] : null)) is { } worker) t.ModelWorkers[modelActor] = worker;
    }

    /// <summary>
    /// The live attempt's model actors that have not stopped (all but <paramref name="stopped"/>) with their workers:
    /// what still runs when the attempt ends now. Actors whose worker is unknown are left out.
    /// </summary>
    public IReadOnlyList<(IActorRef Actor, string WorkerId)> StillRunning(FencingToken token, IActorRef? stopped = null)
    {
        var t = byId[token.TrialId];
        return t.Live != token ? [] : [.. t.ModelActors.Where(a => !a.Equals(stopped) && t.ModelWorkers.ContainsKey(a)).Select(a => (a, t.ModelWorkers[a]))];
    }

    /// <summary>
    /// A replica that ended its fit normally has stopped: it is no longer one of its live attempt's running actors.
    /// False when <paramref name="actor"/> is no finished replica of a live attempt.
    /// </summary>
    public bool FinishedReplicaStopped(IActorRef actor)
    {
        var t = trials.FirstOrDefault(t => t.Live is not null && t.FinishedReplicas.Contains(actor));
        if (t is null) return false;
        t.ModelActors.Remove(actor);
        t.ModelWorkers.Remove(actor);
        return true;
    }

    /// <summary>The live attempt <paramref name="token"/> reported a batch: true the first time (it trains now).</summary>
    public bool MarkTraining(FencingToken token)
    {
        var t = byId[token.TrialId];
        if (t.Live != token || t.Training) return false;
        t.Training = true;
        return true;
    }

    /// <summary>A replica actor (rank ≥ 1) of the live attempt ended its fit; its stop is not a failure.</summary>
    public void ReplicaFinished(FencingToken token, IActorRef modelActor) => byId[token.TrialId].FinishedReplicas.Add(modelActor);

    /// <summary>The live attempt <paramref name="modelActor"/> runs, or null (already ended, finished its part, or not a model actor).</summary>
    public FencingToken? LiveAttemptOf(IActorRef modelActor) =>
        trials.FirstOrDefault(t => t.Live is not null && t.ModelActors.Contains(modelActor) && !t.FinishedReplicas.Contains(modelActor))?.Live;

    /// <summary>The live attempts with a replica on <paramref name="workerId"/>.</summary>
    public IReadOnlyList<FencingToken> LiveOn(string workerId) =>
        [.. trials.Where(t => t.Live is not null && t.Workers.Contains(workerId)).Select(t => t.Live!.Value)];

    /// <summary>The live attempt of <paramref name="trialId"/>, or null.</summary>
    public FencingToken? LiveAttempt(string trialId) => byId[trialId].Live;

    /// <summary>Whether <paramref name="value"/> of the spec's metric beats the trial's best so far.</summary>
    public bool IsBetter(string trialId, double? value) => train.Objective.IsBetter(value, byId[trialId].Best);

    /// <summary>An accepted epoch: progress, checkpoint position and best.</summary>
    public void RecordEpoch(FencingToken token, int epoch, double? value, bool isBest)
    {
        var t = byId[token.TrialId];
        t.EpochsDone = epoch + 1;
        t.CheckpointEpoch = epoch + 1;
        if (isBest) t.Best = value;
    }

    /// <summary>Ends the live attempt as completed, stopped early or paused.</summary>
    public void End(FencingToken token, TrialStatus status)
    {
        if (status is not (TrialStatus.Completed or TrialStatus.Stopped or TrialStatus.Paused))
            throw new ArgumentOutOfRangeException(nameof(status), $"TrialTable.End: expected completed, stopped or paused, got {status}");
        EndAttempt(token).Status = status;
    }

    /// <summary>Ends the live attempt as failed and decides: retry (the trial waits again) or give up (it failed).</summary>
    public RetryDecision Fail(FencingToken token)
    {
        var t = EndAttempt(token);
        var decision = retries.OnFailure(token.TrialId);
        t.Status = decision == RetryDecision.Retry ? TrialStatus.Pending : TrialStatus.Failed;
        return decision;
    }

    public int RetriesLeft(string trialId) => retries.Remaining(trialId);

    public int AttemptCount(string trialId) => attempts.Attempts(trialId);

    /// <summary>The best trial by the spec's metric among those with a value.</summary>
    public TrialEntry? BestTrial() => train.Objective.Best(trials, t => t.Best);

    private TrialEntry EndAttempt(FencingToken token)
    {
        if (!attempts.End(token)) throw new InvalidOperationException($"TrialTable: expected {token} live, got {attempts.Check(token).Message}");
        var t = byId[token.TrialId];
        t.Live = null;
        t.Workers = [];
        t.ModelActors.Clear();
        t.ModelWorkers.Clear();
        t.FinishedReplicas.Clear();
        return t;
    }
}
